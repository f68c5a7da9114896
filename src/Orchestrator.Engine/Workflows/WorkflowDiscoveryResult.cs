using System.Collections.Immutable;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Engine.Workflows;

/// <summary>The valid workflows found (sorted by name) and every problem: invalid files, shadowed workflows.</summary>
public sealed record WorkflowDiscoveryResult(ImmutableArray<WorkflowDefinition> Workflows, ImmutableArray<DocumentProblem> Problems)
{
    public WorkflowDefinition? Find(string name) => Workflows.FirstOrDefault(w => w.Name == name);
}
