using Orchestrator.Engine.Runs;

namespace Orchestrator.Server.Endpoints.Contracts;

/// <summary>A page of runs; pass <see cref="ContinuationToken"/> back as <c>continuation_token</c> for the next page.</summary>
public sealed record RunListResponse(IReadOnlyList<RunRecord> Runs, string? ContinuationToken);
