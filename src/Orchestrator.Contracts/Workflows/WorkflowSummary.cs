using System.Collections.Immutable;
using Orchestrator.Engine.Workflows;

namespace Orchestrator.Contracts.Workflows;

/// <summary>A workflow in a list: <c>workflows list --json</c> and <c>GET /api/workflows</c>.</summary>
/// <param name="Name">The workflow's name.</param>
/// <param name="Description">What it does.</param>
/// <param name="Version">Its version, as written.</param>
/// <param name="Plugins">The plugins it runs, in order, each as <c>name</c> or <c>name@range</c> (as the workflow file writes them).</param>
/// <param name="RetentionSeconds">How long its finished runs are kept; null for the server's default.</param>
/// <param name="Path">The workflow file; null from the REST API, which does not expose the server's paths.</param>
/// <param name="Status"><c>loaded</c> (it can be started), or <c>shadowed</c> by a workflow of the same name in a search path of higher precedence.</param>
public sealed record WorkflowSummary(
    string Name, string? Description, string? Version, ImmutableArray<string> Plugins, double? RetentionSeconds, string? Path, string Status)
{
    /// <summary>The status of a workflow that can be started.</summary>
    public const string Loaded = "loaded";

    /// <summary>The status of a workflow hidden by one of the same name that comes first.</summary>
    public const string Shadowed = "shadowed";

    /// <summary>The contract of a workflow.</summary>
    /// <param name="workflow">The workflow.</param>
    /// <param name="status"><see cref="Loaded"/> or <see cref="Shadowed"/>.</param>
    /// <param name="audience">Who it is for.</param>
    /// <returns>The contract.</returns>
    public static WorkflowSummary From(WorkflowDefinition workflow, string status, Audience audience)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new(
            workflow.Name,
            workflow.Description,
            workflow.Version,
            [.. workflow.AllSteps.Select(s => s.ToString())],
            workflow.Retention?.TotalSeconds,
            audience == Audience.Local ? workflow.File : null,
            status);
    }
}
