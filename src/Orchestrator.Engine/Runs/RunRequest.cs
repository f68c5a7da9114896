using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Engine.Runs;

/// <summary>A request to start a run of a workflow or of a plugin.</summary>
public sealed record RunRequest
{
    /// <summary>A workflow name, or a plugin name (a workflow of the same name wins).</summary>
    public required string Target { get; init; }

    /// <summary>Whether <see cref="Target"/> names a workflow, a plugin, or either (a workflow wins).</summary>
    public RunTargetKind TargetKind { get; init; } = RunTargetKind.Any;

    /// <summary>The run input, merged over the workflow's input defaults when both are objects.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>Config merged over the plugin defaults and the workflow config.</summary>
    public ImmutableDictionary<string, JsonElement> Config { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>The run id to use (for idempotency); a new one when null.</summary>
    public string? RunId { get; init; }

    /// <summary>Approval phases go ahead without waiting for an approve event.</summary>
    public bool AutoApprove { get; init; }
}
