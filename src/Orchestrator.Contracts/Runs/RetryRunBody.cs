using System.Text.Json;

namespace Orchestrator.Contracts.Runs;

/// <summary>The body of <c>POST /api/runs/{id}/retry</c>; every field is optional (docs/running-workflows.md#retry-a-failed-run).</summary>
[RequestBody]
public sealed record RetryRunBody
{
    /// <summary>The phase to start at, at or before the one the run stopped at; default that one.</summary>
    public string? From { get; init; }

    /// <summary>Config values merged over the run's effective config.</summary>
    public Dictionary<string, JsonElement>? Config { get; init; }

    /// <summary>A loaded version of the plugin to run on instead of the one the run is pinned to.</summary>
    public string? PluginVersion { get; init; }
}
