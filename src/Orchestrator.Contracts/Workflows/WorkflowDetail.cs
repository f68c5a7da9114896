using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Contracts.Problems;
using Orchestrator.Engine.Schedules;
using Orchestrator.Engine.Workflows;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Registry;

namespace Orchestrator.Contracts.Workflows;

/// <summary><c>workflows show NAME --json</c>: one workflow in full, where it was found, and whether its plugins are there.</summary>
/// <param name="Name">The workflow's name.</param>
/// <param name="Description">What it does.</param>
/// <param name="Version">Its version, as written.</param>
/// <param name="RetentionSeconds">How long its finished runs are kept; null for the default.</param>
/// <param name="Input">The input used when a run gives none.</param>
/// <param name="InputSchema">The JSON Schema a run's input must meet before the run is scheduled; null when it declares none.</param>
/// <param name="Schedule">When its runs start on their own (docs/schedules.md#the-schedule-field); null when it has no schedule.</param>
/// <param name="Steps">The plugins it runs, in order.</param>
/// <param name="Path">The workflow file; null from the REST API, which does not expose the server's paths.</param>
/// <param name="Shadowed">The files of workflows of the same name it hides; empty from the REST API.</param>
/// <param name="Problems">The warnings of its file.</param>
public sealed record WorkflowDetail(
    string Name,
    string? Description,
    string? Version,
    double? RetentionSeconds,
    JsonElement? Input,
    JsonElement? InputSchema,
    ScheduleDefinition? Schedule,
    ImmutableArray<WorkflowStepStatus> Steps,
    string? Path,
    ImmutableArray<string> Shadowed,
    ImmutableArray<FileProblem> Problems)
{
    /// <summary>The contract of a discovered workflow.</summary>
    /// <param name="workflow">The workflow.</param>
    /// <param name="found">The discovery it comes from (for what it shadows and its file's warnings).</param>
    /// <param name="plugins">The plugins found, for its steps.</param>
    /// <returns>The contract.</returns>
    public static WorkflowDetail From(WorkflowDefinition workflow, WorkflowDiscoveryResult found, RegistrySnapshot plugins) =>
        From(workflow, found, s => WorkflowStepStatus.From(s, plugins), Audience.Local);

    /// <summary>The contract of a discovered workflow as the REST API shows it, its steps looked up in the loaded plugins.</summary>
    /// <param name="workflow">The workflow.</param>
    /// <param name="found">The discovery it comes from (for its file's warnings).</param>
    /// <param name="plugins">The loaded plugins, for its steps.</param>
    /// <returns>The contract.</returns>
    public static WorkflowDetail From(WorkflowDefinition workflow, WorkflowDiscoveryResult found, PluginCatalog plugins) =>
        From(workflow, found, s => WorkflowStepStatus.From(s, plugins), Audience.Remote);

    private static WorkflowDetail From(WorkflowDefinition workflow, WorkflowDiscoveryResult found, Func<WorkflowStep, WorkflowStepStatus> step, Audience audience)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(found);
        var local = audience == Audience.Local;
        return new(
            workflow.Name,
            workflow.Description,
            workflow.Version,
            workflow.Retention?.TotalSeconds,
            workflow.Input,
            workflow.InputSchema,
            workflow.Schedule,
            [.. workflow.AllSteps.Select(step)],
            local ? workflow.File : null,
            local ? [.. found.Shadowed.Where(w => w.Name == workflow.Name).Select(w => w.File)] : [],
            [.. found.Problems.Where(p => p.File == workflow.File).Select(FileProblem.From)]);
    }
}
