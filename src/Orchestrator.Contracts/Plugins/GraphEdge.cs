using Orchestrator.Plugins.Registry;

namespace Orchestrator.Contracts.Plugins;

/// <summary>A declared dependency in the dependency graph.</summary>
/// <param name="From">The plugin declaring it.</param>
/// <param name="To">The plugin depended on.</param>
/// <param name="Range">The accepted versions as written (<c>*</c> for any).</param>
/// <param name="FoundVersion">The version found under that name; null when there is none.</param>
/// <param name="Satisfied">True when the version found is inside the range.</param>
public sealed record GraphEdge(string From, string To, string Range, string? FoundVersion, bool Satisfied)
{
    /// <summary>The contract of a resolved dependency edge.</summary>
    /// <param name="edge">The edge.</param>
    /// <returns>The contract.</returns>
    public static GraphEdge Of(DependencyEdge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return new(edge.From, edge.Dependency.Name, edge.Dependency.RangeText, edge.FoundVersion?.ToString(), edge.Satisfied);
    }
}
