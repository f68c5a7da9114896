using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Cli.Commands.Plugins.Json;

/// <summary><c>plugins info NAME --json</c>: every manifest field plus where the plugin is and whether it loaded.</summary>
internal sealed record PluginInfoJson
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string? Description { get; init; }
    public required string? Author { get; init; }
    public required string? License { get; init; }
    public required string? Homepage { get; init; }
    public required string? Repository { get; init; }
    public required ImmutableArray<string> Tags { get; init; }
    public required DateTimeOffset? Created { get; init; }
    public required DateTimeOffset? Updated { get; init; }
    public required string Type { get; init; }
    public required string? MinVersion { get; init; }
    public required string? MaxVersion { get; init; }
    public required ImmutableArray<DependencyJson> Dependencies { get; init; }
    public required ImmutableArray<string> Domains { get; init; }
    public required ImmutableArray<PhaseJson> Phases { get; init; }
    public required ImmutableDictionary<string, string> Prompts { get; init; }
    public required OutputSpec? OutputSpec { get; init; }
    public required ResourceSpec? ResourceSpec { get; init; }
    public required JsonElement? ConfigSchema { get; init; }
    public required ImmutableDictionary<string, JsonElement> DefaultConfig { get; init; }
    public required ImmutableArray<string> RequiredConfig { get; init; }
    public required string? EntryPoint { get; init; }
    public required bool Binary { get; init; }
    public required string? Language { get; init; }
    public required string Path { get; init; }
    public required string ManifestPath { get; init; }
    public required string Source { get; init; }
    public required string SearchPath { get; init; }
    public required string Status { get; init; }
    public required string? Reason { get; init; }
    public required ImmutableArray<ManifestProblemJson> Warnings { get; init; }
}
