using System.Text.Json;

namespace Orchestrator.Contracts.Runs;

/// <summary>The optional body of <c>POST /api/runs/{id}/approve</c>.</summary>
[RequestBody]
public sealed record ApproveBody
{
    /// <summary>The approval phase meant; when given and another phase (or none) waits, the answer is 409. Default: the phase waiting now.</summary>
    public string? Phase { get; init; }

    /// <summary>Handed to the run with the approval (stored in its metadata as <c>approval.&lt;phase&gt;</c>).</summary>
    public JsonElement? Payload { get; init; }
}
