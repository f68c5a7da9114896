using System.Collections.Immutable;
using System.Text.Json;
using Semver;

namespace Orchestrator.Plugins.Manifests;

/// <summary>A validated plugin manifest (docs/manifest.md). Built only by <see cref="ManifestReader"/>.</summary>
public sealed record PluginManifest
{
    public required string Name { get; init; }
    public required SemVersion Version { get; init; }
    public string? Description { get; init; }
    public string? Author { get; init; }
    public string? License { get; init; }
    public string? Homepage { get; init; }
    public string? Repository { get; init; }
    public ImmutableArray<string> Tags { get; init; } = [];
    public DateTimeOffset? Created { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public required PluginType Type { get; init; }

    /// <summary>Lowest Orchestrator version the plugin supports, inclusive.</summary>
    public SemVersion? MinVersion { get; init; }

    /// <summary>Highest Orchestrator version the plugin supports, inclusive.</summary>
    public SemVersion? MaxVersion { get; init; }

    public ImmutableArray<PluginDependency> Dependencies { get; init; } = [];
    public ImmutableArray<string> Domains { get; init; } = [];

    /// <summary>Phases sorted by <see cref="PhaseManifest.Order"/>, then by position in the file.</summary>
    public ImmutableArray<PhaseManifest> Phases { get; init; } = [];

    /// <summary>Phase name → prompt file path relative to the plugin directory (checked to stay inside it and exist).</summary>
    public ImmutableDictionary<string, string> Prompts { get; init; } = ImmutableDictionary<string, string>.Empty;

    public OutputSpec? OutputSpec { get; init; }
    public ResourceSpec? ResourceSpec { get; init; }

    /// <summary>Inline JSON Schema the effective config must satisfy (checked to be a valid schema).</summary>
    public JsonElement? ConfigSchema { get; init; }

    public ImmutableDictionary<string, JsonElement> DefaultConfig { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;
    public ImmutableArray<string> RequiredConfig { get; init; } = [];

    /// <summary>Executable (binary) or .NET assembly file, relative to the plugin directory; required for external plugins.</summary>
    public string? EntryPoint { get; init; }

    /// <summary><c>true</c>: external executable (process protocol v1); <c>false</c>: .NET assembly.</summary>
    public bool Binary { get; init; }

    public string? Language { get; init; }

    /// <summary>Absolute path of the plugin directory (symlinks resolved); empty for text validated without a directory.</summary>
    public required string Directory { get; init; }

    /// <summary>Absolute path of the manifest file (the display path for text validated with <see cref="ManifestReader.Parse"/>).</summary>
    public required string ManifestPath { get; init; }
}
