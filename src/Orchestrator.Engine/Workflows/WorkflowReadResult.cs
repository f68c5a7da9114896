using System.Collections.Immutable;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Engine.Workflows;

/// <summary>A workflow (when valid) and every problem found in its file.</summary>
public sealed record WorkflowReadResult(WorkflowDefinition? Workflow, ImmutableArray<ManifestProblem> Problems)
{
    public bool IsValid => Workflow is not null;
}
