using System.Text.Json;

namespace Orchestrator.Contracts.Runs;

/// <summary>The optional body of <c>POST /api/runs/{id}/approve</c>.</summary>
[RequestBody]
public sealed record ApproveBody
{
    /// <summary>Handed to the run with the approval (stored in its metadata as <c>approval.&lt;phase&gt;</c>).</summary>
    public JsonElement? Payload { get; init; }
}
