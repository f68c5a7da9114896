using System.Collections.Immutable;
using Orchestrator.Documents.Problems;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Discovery;

/// <summary>A plugin, manifest or directory that was found but not loaded, with the reason.</summary>
/// <param name="Kind">The reason, as a category.</param>
/// <param name="Path">The plugin directory, manifest or search path concerned.</param>
/// <param name="Message">What is wrong, naming the paths, versions or dependency chain involved.</param>
public sealed record PluginProblem(PluginProblemKind Kind, string Path, string Message)
{
    /// <summary>The plugin's name, when its manifest could be read.</summary>
    public string? PluginName { get; init; }

    /// <summary>The manifest that was not loaded (shadowed or rejected plugins); null for invalid manifests.</summary>
    public PluginManifest? Manifest { get; init; }

    /// <summary>Every problem of an invalid manifest (errors and warnings).</summary>
    public ImmutableArray<DocumentProblem> ManifestProblems { get; init; } = [];

    public override string ToString() => $"{Path}: {Message}";
}
