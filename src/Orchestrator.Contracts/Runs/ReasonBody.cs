namespace Orchestrator.Contracts.Runs;

/// <summary>The body of reject (reason required), terminate, suspend and resume (reason optional).</summary>
[RequestBody]
public sealed record ReasonBody
{
    /// <summary>Why; a rejected run fails with it, the other actions record it.</summary>
    public string? Reason { get; init; }
}
