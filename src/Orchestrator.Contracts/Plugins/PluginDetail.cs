using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Contracts.Problems;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Contracts.Plugins;

/// <summary>
/// One plugin in full: every manifest field, its dependencies with the versions found, where it was found and whether
/// it loaded; <c>plugins info NAME --json</c> and <c>GET /api/plugins/{name}</c>.
/// </summary>
public sealed partial record PluginDetail
{
    /// <summary>The plugin's name.</summary>
    public required string Name { get; init; }

    /// <summary>Its SemVer 2.0 version.</summary>
    public required string Version { get; init; }

    /// <summary>SHA-256 of the plugin directory's files; null when they could not be read.</summary>
    public required string? ContentHash { get; init; }

    /// <summary>What the plugin does.</summary>
    public required string? Description { get; init; }

    /// <summary>Who wrote it.</summary>
    public required string? Author { get; init; }

    /// <summary>Its license.</summary>
    public required string? License { get; init; }

    /// <summary>Its home page.</summary>
    public required string? Homepage { get; init; }

    /// <summary>Its source repository.</summary>
    public required string? Repository { get; init; }

    /// <summary>Free-form tags.</summary>
    public required ImmutableArray<string> Tags { get; init; }

    /// <summary>When it was first published.</summary>
    public required DateTimeOffset? Created { get; init; }

    /// <summary>When it was last changed.</summary>
    public required DateTimeOffset? Updated { get; init; }

    /// <summary><c>builtin</c> or <c>external</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The oldest Orchestrator version it runs on.</summary>
    public required string? MinVersion { get; init; }

    /// <summary>The newest Orchestrator version it runs on.</summary>
    public required string? MaxVersion { get; init; }

    /// <summary>Its dependencies with the version found for each.</summary>
    public required ImmutableArray<DependencyStatus> Dependencies { get; init; }

    /// <summary>The domains the plugin serves.</summary>
    public required ImmutableArray<string> Domains { get; init; }

    /// <summary>Its phases, in run order.</summary>
    public required ImmutableArray<PhaseDetail> Phases { get; init; }

    /// <summary>Phase name → prompt file, relative to the plugin directory.</summary>
    public required ImmutableDictionary<string, string> Prompts { get; init; }

    /// <summary>The artifacts a run produces.</summary>
    public required OutputSpec? OutputSpec { get; init; }

    /// <summary>What a run needs (memory in bytes, environment variables, network).</summary>
    public required ResourceSpec? ResourceSpec { get; init; }

    /// <summary>The JSON Schema a run's config must match.</summary>
    public required JsonElement? ConfigSchema { get; init; }

    /// <summary>Config values used when a run sets none.</summary>
    public required ImmutableDictionary<string, JsonElement> DefaultConfig { get; init; }

    /// <summary>Config keys every run must have.</summary>
    public required ImmutableArray<string> RequiredConfig { get; init; }

    /// <summary>An external plugin's executable or assembly, relative to the plugin directory.</summary>
    public required string? EntryPoint { get; init; }

    /// <summary>True when the entry point is an executable speaking the process protocol.</summary>
    public required bool Binary { get; init; }

    /// <summary>The language it is written in.</summary>
    public required string? Language { get; init; }

    /// <summary>The plugin directory; null from the REST API, which does not expose the server's paths.</summary>
    public required string? Path { get; init; }

    /// <summary>The manifest file; null from the REST API.</summary>
    public required string? ManifestPath { get; init; }

    /// <summary>The kind of search path it was found in (<c>explicit</c>, <c>development</c>, <c>user-config</c>, <c>built-in</c>, …); null when it was not found by discovery.</summary>
    public required string? Source { get; init; }

    /// <summary>The search path it was found in; null from the REST API.</summary>
    public required string? SearchPath { get; init; }

    /// <summary><c>loaded</c>, or the kind of problem that kept it from loading.</summary>
    public required string Status { get; init; }

    /// <summary>Why it did not load; null when it did.</summary>
    public required string? Reason { get; init; }

    /// <summary>Warnings of its manifest (unknown keys and the like); they do not keep it from loading.</summary>
    public required ImmutableArray<FileProblem> Warnings { get; init; }
}
