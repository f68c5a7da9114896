using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Contracts.Plans;

/// <summary>One step of a <see cref="RunPlanResult"/>: the plugin version the run would pin, its config and its phases.</summary>
public sealed record PlanStep
{
    /// <summary>The plugin's name.</summary>
    public required string Plugin { get; init; }

    /// <summary>The version the run would pin.</summary>
    public required string Version { get; init; }

    /// <summary>The content hash of that version (what a run checks before each phase).</summary>
    public required string ContentHash { get; init; }

    /// <summary>The effective run config: plugin defaults, the workflow step's config, the request's config.</summary>
    public required ImmutableDictionary<string, JsonElement> Config { get; init; }

    /// <summary>The step's share of the estimate, in seconds.</summary>
    public required double EstimatedSeconds { get; init; }

    /// <summary>The step's worst case, in seconds; null when one of its phases has no timeout.</summary>
    public required double? WorstCaseSeconds { get; init; }

    /// <summary>The phases grouped by <c>order</c>, in the order the groups run.</summary>
    public required ImmutableArray<PlanGroup> Groups { get; init; }

    internal static PlanStep From(StepPlan step) => new()
    {
        Plugin = step.Plugin.Name,
        Version = step.Plugin.Version,
        ContentHash = step.Plugin.ContentHash,
        Config = step.Config,
        EstimatedSeconds = step.EstimatedTime.TotalSeconds,
        WorstCaseSeconds = step.WorstCaseTime?.TotalSeconds,
        Groups = [.. step.Groups.Select(g => PlanGroup.From(g, step.TimeoutMargin))],
    };
}
