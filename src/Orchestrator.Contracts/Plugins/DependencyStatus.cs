using Orchestrator.Plugins.Manifests;
using Orchestrator.Plugins.Registry;
using Semver;

namespace Orchestrator.Contracts.Plugins;

/// <summary>A declared dependency and the version found for it.</summary>
/// <param name="Name">The plugin depended on.</param>
/// <param name="Range">The accepted versions as written (npm-style, <c>*</c> for any).</param>
/// <param name="FoundVersion">The version found under that name; null when there is none.</param>
/// <param name="Satisfied">True when the version found is inside the range.</param>
public sealed record DependencyStatus(string Name, string Range, string? FoundVersion, bool Satisfied)
{
    /// <summary>The contract of a dependency and the version found for it.</summary>
    /// <param name="dependency">The dependency as declared.</param>
    /// <param name="found">The version found; null when none.</param>
    /// <returns>The contract.</returns>
    public static DependencyStatus From(PluginDependency dependency, SemVersion? found)
    {
        ArgumentNullException.ThrowIfNull(dependency);
        return new(dependency.Name, dependency.RangeText, found?.ToString(), found is not null && dependency.Range.Contains(found));
    }

    /// <summary>The contract of a resolved dependency edge.</summary>
    /// <param name="edge">The edge.</param>
    /// <returns>The contract.</returns>
    public static DependencyStatus From(DependencyEdge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return From(edge.Dependency, edge.FoundVersion);
    }
}
