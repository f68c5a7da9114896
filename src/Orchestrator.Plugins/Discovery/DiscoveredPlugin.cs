using System.Collections.Immutable;
using Orchestrator.Documents.Problems;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Discovery;

/// <summary>A plugin with a valid manifest, and the search path it came from.</summary>
/// <param name="Manifest">The validated manifest.</param>
/// <param name="Source">The search path the plugin directory is in.</param>
public sealed record DiscoveredPlugin(PluginManifest Manifest, SearchPath Source)
{
    /// <summary>Warnings of the manifest (e.g. unknown keys); they do not prevent loading.</summary>
    public ImmutableArray<DocumentProblem> Warnings { get; init; } = [];

    public string Name => Manifest.Name;
}
