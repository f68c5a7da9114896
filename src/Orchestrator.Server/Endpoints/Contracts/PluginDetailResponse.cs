using System.Text.Json;

namespace Orchestrator.Server.Endpoints.Contracts;

/// <summary>A loaded plugin in full, as <c>GET /api/plugins/{name}</c> returns it.</summary>
public sealed record PluginDetailResponse
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    public string? Description { get; init; }

    public string? Author { get; init; }

    public string? License { get; init; }

    public string? Homepage { get; init; }

    public required string Type { get; init; }

    public required string ContentHash { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>Each dependency as <c>name</c> or <c>name@range</c>.</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = [];

    public IReadOnlyList<PhaseResponse> Phases { get; init; } = [];

    public IReadOnlyDictionary<string, JsonElement> DefaultConfig { get; init; } = new Dictionary<string, JsonElement>();

    public IReadOnlyList<string> RequiredConfig { get; init; } = [];

    public JsonElement? ConfigSchema { get; init; }
}
