using System.Collections.Immutable;
using Orchestrator.Contracts.Problems;
using Orchestrator.Engine.Workflows;

namespace Orchestrator.Contracts.Workflows;

/// <summary>
/// <c>workflows list --json</c> and <c>GET /api/workflows</c>: the workflows that can be started, sorted by name; with
/// <c>--all</c> / <c>?all=true</c> also the shadowed ones, and every problem of every workflow file.
/// </summary>
/// <param name="Workflows">The workflows.</param>
/// <param name="Problems">The problems of the workflow files (invalid, duplicate or shadowed); empty unless all were asked for.</param>
public sealed record WorkflowList(ImmutableArray<WorkflowSummary> Workflows, ImmutableArray<FileProblem> Problems)
{
    /// <summary>The contract of a workflow discovery.</summary>
    /// <param name="found">What was found.</param>
    /// <param name="all">Whether the shadowed workflows and the problems are listed too.</param>
    /// <param name="audience">Who it is for.</param>
    /// <returns>The contract.</returns>
    public static WorkflowList From(WorkflowDiscoveryResult found, bool all, Audience audience)
    {
        ArgumentNullException.ThrowIfNull(found);
        var loaded = found.Workflows.Select(w => WorkflowSummary.From(w, WorkflowSummary.Loaded, audience));
        var shadowed = all ? found.Shadowed.Select(w => WorkflowSummary.From(w, WorkflowSummary.Shadowed, audience)) : [];
        return new([.. loaded.Concat(shadowed)], all ? [.. found.Problems.Select(FileProblem.From)] : []);
    }
}
