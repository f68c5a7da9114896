namespace Orchestrator.Server.Problems;

/// <summary>An RFC 7807 problem details body; <see cref="Errors"/> lists every problem found (empty when there is one cause).</summary>
public sealed record ApiProblem
{
    public string Type { get; init; } = "about:blank";

    public required string Title { get; init; }

    public required int Status { get; init; }

    public required string Detail { get; init; }

    public string? Instance { get; init; }

    public IReadOnlyList<string> Errors { get; init; } = [];
}
