using Orchestrator.Plugins.Manifests;
using Semver;

namespace Orchestrator.Plugins.Registry;

/// <summary>One declared dependency and what it resolved to.</summary>
/// <param name="From">The plugin declaring the dependency.</param>
/// <param name="Dependency">The dependency as declared.</param>
/// <param name="FoundVersion">The version of the plugin found under that name, or null when none was found.</param>
public sealed record DependencyEdge(string From, PluginDependency Dependency, SemVersion? FoundVersion)
{
    /// <summary>True when a plugin of that name exists in a version inside the range.</summary>
    public bool Satisfied => FoundVersion is { } version && Dependency.Range.Contains(version);
}
