using System.Collections.Immutable;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Engine.Workflows;

/// <summary>The valid workflows found (sorted by name) and every problem: invalid files, shadowed workflows.</summary>
public sealed record WorkflowDiscoveryResult(ImmutableArray<WorkflowDefinition> Workflows, ImmutableArray<DocumentProblem> Problems)
{
    /// <summary>Valid workflows not used because a search path of higher precedence has one of the same name, in search order.</summary>
    public ImmutableArray<WorkflowDefinition> Shadowed { get; init; } = [];

    public WorkflowDefinition? Find(string name) => Workflows.FirstOrDefault(w => w.Name == name);
}
