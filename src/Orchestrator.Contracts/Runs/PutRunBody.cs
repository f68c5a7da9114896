using System.Text.Json;

namespace Orchestrator.Contracts.Runs;

/// <summary>The body of <c>PUT /api/runs/{id}</c>: what to start under that id (exactly one of workflow and plugin).</summary>
[RequestBody]
public sealed record PutRunBody
{
    /// <summary>The workflow to run.</summary>
    public string? Workflow { get; init; }

    /// <summary>The plugin to run, even when a workflow has the same name.</summary>
    public string? Plugin { get; init; }

    /// <summary>The run input (merged over the workflow's input defaults when both are objects).</summary>
    public JsonElement? Input { get; init; }

    /// <summary>Config values merged over the plugin defaults and the workflow config.</summary>
    public Dictionary<string, JsonElement>? Config { get; init; }

    /// <summary>Approval phases go ahead without waiting for an approve event.</summary>
    public bool AutoApprove { get; init; }
}
