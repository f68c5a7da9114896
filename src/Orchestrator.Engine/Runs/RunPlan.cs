using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Engine.Runs;

/// <summary>
/// What a run would do, resolved as a start resolves it and scheduled nowhere (<c>orchestrator plan</c>,
/// <c>POST /api/workflows/{name}/plan</c>; docs/running-workflows.md#plan-a-run-before-starting-it).
/// </summary>
/// <param name="Target">The workflow or plugin planned.</param>
/// <param name="Workflow">The workflow it runs; null for a plugin run.</param>
/// <param name="Input">The input the first step gets: the given one over the workflow's defaults.</param>
/// <param name="AutoApprove">Whether approval phases would go ahead without waiting.</param>
/// <param name="Steps">The plugin run of each step, in order (one for a plugin run).</param>
public sealed record RunPlan(string Target, string? Workflow, JsonElement? Input, bool AutoApprove, ImmutableArray<StepPlan> Steps)
{
    /// <summary>The sum of the phases' <c>estimated_time</c> on the longest path (a parallel group counts its longest phase).</summary>
    public TimeSpan EstimatedTime => Steps.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.EstimatedTime);

    /// <summary>
    /// The longest the run can take with every attempt used and timing out, and every wait between attempts; null
    /// when a phase has no timeout (nothing bounds it). Waits for a person's approval are not counted.
    /// </summary>
    public TimeSpan? WorstCaseTime => Steps.Any(s => s.WorstCaseTime is null)
        ? null
        : Steps.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.WorstCaseTime!.Value);

    /// <summary>The plan of a prepared run.</summary>
    public static RunPlan Of(string target, PreparedRun prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var steps = prepared.Steps.Select(StepPlan.Of).ToImmutableArray();
        return new RunPlan(target, prepared.Workflow?.Name, prepared.Input, prepared.Steps.Any(s => s.AutoApprove), steps);
    }
}
