using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Contracts.Plans;

/// <summary>
/// <c>plan TARGET --json</c> and <c>POST /api/workflows/{name}/plan</c>: what a run would do, checked as a start checks
/// it and scheduled nowhere. Durations are in seconds.
/// </summary>
public sealed record RunPlanResult
{
    /// <summary>The workflow or plugin planned.</summary>
    public required string Target { get; init; }

    /// <summary>The workflow it runs; null for a plugin run.</summary>
    public required string? Workflow { get; init; }

    /// <summary>The input the first step would get: the given one over the workflow's defaults.</summary>
    public required JsonElement? Input { get; init; }

    /// <summary>Whether approval phases would go ahead without waiting.</summary>
    public required bool AutoApprove { get; init; }

    /// <summary>The sum of <c>estimated_time</c> on the longest path: a parallel group counts its longest phase.</summary>
    public required double EstimatedSeconds { get; init; }

    /// <summary>
    /// The longest the run can take with every attempt used and timing out (plus the engine's margin) and every wait
    /// between attempts, approvals not counted; null when a phase has no timeout.
    /// </summary>
    public required double? WorstCaseSeconds { get; init; }

    /// <summary>The phases with no timeout, as <c>step/plugin.phase</c>: while there is one, nothing bounds the worst case.</summary>
    public required ImmutableArray<string> Unbounded { get; init; }

    /// <summary>Each step's plugin run, in order (one for a plugin run).</summary>
    public required ImmutableArray<PlanStep> Steps { get; init; }

    /// <summary>The contract of a plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The contract.</returns>
    public static RunPlanResult From(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new RunPlanResult
        {
            Target = plan.Target,
            Workflow = plan.Workflow,
            Input = plan.Input,
            AutoApprove = plan.AutoApprove,
            EstimatedSeconds = plan.EstimatedTime.TotalSeconds,
            WorstCaseSeconds = plan.WorstCaseTime?.TotalSeconds,
            Unbounded = [.. plan.Steps.SelectMany((s, i) => s.UntimedPhases.Select(p => $"{i + 1}/{s.Plugin.Name}.{p}"))],
            Steps = [.. plan.Steps.Select(PlanStep.From)],
        };
    }
}
