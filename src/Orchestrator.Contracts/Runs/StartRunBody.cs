using System.Text.Json;

namespace Orchestrator.Contracts.Runs;

/// <summary>The body of <c>POST /api/workflows/{name}/runs</c> and <c>POST /api/plugins/{name}/runs</c>; every field is optional.</summary>
[RequestBody]
public sealed record StartRunBody
{
    /// <summary>The run input (merged over the workflow's input defaults when both are objects).</summary>
    public JsonElement? Input { get; init; }

    /// <summary>Config values merged over the plugin defaults and the workflow config.</summary>
    public Dictionary<string, JsonElement>? Config { get; init; }

    /// <summary>The run id to use; starting again with the same id and request returns the existing run.</summary>
    public string? RunId { get; init; }

    /// <summary>Approval phases go ahead without waiting for an approve event.</summary>
    public bool AutoApprove { get; init; }
}
