namespace Orchestrator.Contracts.Runs;

/// <summary>The body of <c>POST /api/runs/{id}/reject</c>.</summary>
[RequestBody]
public sealed record RejectBody
{
    /// <summary>The approval phase meant; when given and another phase (or none) waits, the answer is 409. Default: the phase waiting now.</summary>
    public string? Phase { get; init; }

    /// <summary>Why; required. The run fails with it.</summary>
    public string? Reason { get; init; }
}
