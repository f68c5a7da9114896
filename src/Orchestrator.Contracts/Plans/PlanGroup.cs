using System.Collections.Immutable;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Contracts.Plans;

/// <summary>The phases of one <c>order</c>: at once when <see cref="Parallel"/>, else one after the other.</summary>
public sealed record PlanGroup
{
    /// <summary>The phases' <c>order</c>.</summary>
    public required int Order { get; init; }

    /// <summary>True when the phases run at once (several phases of the order, every one <c>parallel</c>).</summary>
    public required bool Parallel { get; init; }

    /// <summary>The group's share of the estimate, in seconds: its longest phase when parallel, else the sum.</summary>
    public required double EstimatedSeconds { get; init; }

    /// <summary>The group's worst case, in seconds; null when one of its phases has no timeout.</summary>
    public required double? WorstCaseSeconds { get; init; }

    /// <summary>The phases, in manifest order.</summary>
    public required ImmutableArray<PlanPhase> Phases { get; init; }

    internal static PlanGroup From(PhaseGroup group, TimeSpan timeoutMargin) => new()
    {
        Order = group.Order,
        Parallel = group.Parallel,
        EstimatedSeconds = group.EstimatedTime.TotalSeconds,
        WorstCaseSeconds = group.WorstCaseTime(timeoutMargin)?.TotalSeconds,
        Phases = [.. group.Phases.Select(p => PlanPhase.From(p, timeoutMargin))],
    };
}
