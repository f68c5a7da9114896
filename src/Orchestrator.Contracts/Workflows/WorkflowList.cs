using System.Collections.Immutable;
using Orchestrator.Contracts.Problems;
using Orchestrator.Engine.Workflows;

namespace Orchestrator.Contracts.Workflows;

/// <summary>The valid workflows, sorted by name, and the problems of the workflow files (invalid, duplicate or shadowed).</summary>
/// <param name="Workflows">The workflows that can be started.</param>
/// <param name="Problems">Every problem of every workflow file.</param>
public sealed record WorkflowList(ImmutableArray<WorkflowSummary> Workflows, ImmutableArray<DocumentProblem> Problems)
{
    /// <summary>The contract of a workflow discovery.</summary>
    /// <param name="found">What was found.</param>
    /// <param name="audience">Who it is for.</param>
    /// <returns>The contract.</returns>
    public static WorkflowList From(WorkflowDiscoveryResult found, Audience audience)
    {
        ArgumentNullException.ThrowIfNull(found);
        return new(
            [.. found.Workflows.Select(w => WorkflowSummary.From(w, audience))],
            [.. found.Problems.Select(DocumentProblem.From)]);
    }
}
