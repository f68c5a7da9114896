using System.Collections.Immutable;
using Orchestrator.Engine.Workflows;

namespace Orchestrator.Cli.Commands.Workflows.Json;

/// <summary>A workflow in <c>workflows list --json</c>: the fields of <c>GET /api/workflows</c>, plus where it was found and whether it is used.</summary>
internal sealed record WorkflowJson(string Name, string? Description, string? Version, ImmutableArray<string> Plugins, double? RetentionSeconds, string Path, string Status)
{
    public static WorkflowJson From(WorkflowDefinition workflow, string status) => new(
        workflow.Name,
        workflow.Description,
        workflow.Version,
        [.. workflow.AllSteps.Select(s => s.ToString())],
        workflow.Retention?.TotalSeconds,
        workflow.File,
        status);
}
