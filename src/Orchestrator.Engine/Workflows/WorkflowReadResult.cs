using System.Collections.Immutable;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Engine.Workflows;

/// <summary>A workflow (when valid) and every problem found in its file.</summary>
public sealed record WorkflowReadResult(WorkflowDefinition? Workflow, ImmutableArray<DocumentProblem> Problems)
{
    public bool IsValid => Workflow is not null;
}
