using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Engine.Schedules;

namespace Orchestrator.Engine.Workflows;

/// <summary>A validated workflow file: a named entry point that runs one plugin or a sequence of plugin steps.</summary>
public sealed record WorkflowDefinition
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public string? Version { get; init; }

    /// <summary>The plugin a single-plugin workflow runs; null when it has steps.</summary>
    public WorkflowStep? Plugin { get; init; }

    /// <summary>The plugins a multi-step workflow runs in order; empty when it names one plugin.</summary>
    public ImmutableArray<WorkflowStep> Steps { get; init; } = [];

    /// <summary>The input used when a run gives none (merged under it when both are objects).</summary>
    public JsonElement? Input { get; init; }

    /// <summary>
    /// A JSON Schema the run input (the request's input over <see cref="Input"/>) must match before the run is
    /// scheduled; null when the workflow has none.
    /// </summary>
    public JsonElement? InputSchema { get; init; }

    /// <summary>How long finished runs of this workflow are kept; the engine default when null.</summary>
    public TimeSpan? Retention { get; init; }

    /// <summary>When runs of this workflow start on their own (docs/schedules.md); null when it has no schedule.</summary>
    public ScheduleDefinition? Schedule { get; init; }

    /// <summary>The file it was read from.</summary>
    public required string File { get; init; }

    /// <summary>The steps to run: the single plugin, or every step.</summary>
    public ImmutableArray<WorkflowStep> AllSteps => Plugin is { } plugin ? [plugin] : Steps;
}
