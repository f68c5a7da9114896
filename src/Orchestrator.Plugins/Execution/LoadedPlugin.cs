using System.Collections.Immutable;
using Orchestrator.Documents.Problems;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Execution;

/// <summary>A plugin that is loaded and can execute phases.</summary>
/// <param name="Identity">Name, version and content hash.</param>
/// <param name="Manifest">Its validated manifest.</param>
public sealed record LoadedPlugin(PluginIdentity Identity, PluginManifest Manifest)
{
    /// <summary>The search path it was found in; null when it was loaded without discovery.</summary>
    public SearchPath? Source { get; init; }

    /// <summary>Warnings of its manifest (e.g. unknown keys); they did not prevent loading.</summary>
    public ImmutableArray<DocumentProblem> Warnings { get; init; } = [];
}
