namespace Orchestrator.Contracts.Runs;

/// <summary>The optional body of terminate, suspend and resume.</summary>
[RequestBody]
public sealed record ReasonBody
{
    /// <summary>Why; recorded with the change.</summary>
    public string? Reason { get; init; }
}
