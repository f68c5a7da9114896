namespace Orchestrator.Server.Endpoints.Contracts;

/// <summary>The body of reject (reason required), terminate, suspend and resume (reason optional).</summary>
public sealed record ReasonBody
{
    public string? Reason { get; init; }
}
