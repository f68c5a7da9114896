using System.Collections.Immutable;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Contracts.Runs;

/// <summary>
/// A page of runs, newest first, each without its output (get the run for it): <c>runs list --json</c> and
/// <c>GET /api/runs</c>.
/// </summary>
/// <param name="Runs">The runs on this page.</param>
/// <param name="ContinuationToken">Pass it back (<c>continuation_token=</c>, <c>--continuation-token</c>) for the next page; null on the last page.</param>
public sealed record RunList(ImmutableArray<RunRecord> Runs, string? ContinuationToken)
{
    /// <summary>The contract of a page of runs.</summary>
    /// <param name="page">The page.</param>
    /// <returns>The contract.</returns>
    public static RunList From(RunPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new([.. page.Runs], page.Next?.Encode());
    }
}
