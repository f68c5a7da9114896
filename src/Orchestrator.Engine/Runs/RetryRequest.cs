using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Engine.Runs;

/// <summary>A request to retry a failed or terminated run (docs/running-workflows.md#retry-a-failed-run).</summary>
public sealed record RetryRequest
{
    /// <summary>The run to retry.</summary>
    public required string RunId { get; init; }

    /// <summary>The phase to start at, at or before the one the run stopped at; null for that one.</summary>
    public string? From { get; init; }

    /// <summary>Config merged over the run's effective config.</summary>
    public ImmutableDictionary<string, JsonElement> Config { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>The loaded version of the plugin to run on, instead of the version the run is pinned to.</summary>
    public string? PluginVersion { get; init; }
}
