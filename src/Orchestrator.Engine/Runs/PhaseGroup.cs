using System.Collections.Immutable;
using Orchestrator.Engine.Orchestrations;

namespace Orchestrator.Engine.Runs;

/// <summary>
/// The phases of one <c>order</c>: they run at once when there are several and every one is <c>parallel</c>, else one
/// after the other in manifest order — as <see cref="RunOrchestrator"/> runs them.
/// </summary>
/// <param name="Order">Their <c>order</c>.</param>
/// <param name="Parallel">Whether they run at once.</param>
/// <param name="Phases">The phases, in manifest order.</param>
public sealed record PhaseGroup(int Order, bool Parallel, ImmutableArray<PhasePlan> Phases)
{
    /// <summary>The group's share of the estimate: its longest phase when parallel, else the sum.</summary>
    public TimeSpan EstimatedTime => Combine(Phases.Select(p => p.EstimatedTime ?? TimeSpan.Zero));

    /// <summary>The longest the group can take; null when one of its phases has no timeout.</summary>
    public TimeSpan? WorstCaseTime(TimeSpan timeoutMargin) =>
        Phases.Any(p => p.Timeout is null) ? null : Combine(Phases.Select(p => WorstCase(p, timeoutMargin)!.Value));

    /// <summary>
    /// Every attempt used, each running to its timeout plus the margin after which the engine gives it up, and every
    /// wait between attempts; null without a timeout.
    /// </summary>
    public static TimeSpan? WorstCase(PhasePlan phase, TimeSpan timeoutMargin)
    {
        ArgumentNullException.ThrowIfNull(phase);
        if (phase.Timeout is not { } timeout)
        {
            return null;
        }

        var waits = RetryDelays(phase).Aggregate(TimeSpan.Zero, (sum, wait) => sum + wait);
        return ((timeout + timeoutMargin) * phase.MaxAttempts) + waits;
    }

    /// <summary>The waits before the second, third, … attempt, as the engine schedules them.</summary>
    public static IEnumerable<TimeSpan> RetryDelays(PhasePlan phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        return Enumerable.Range(1, phase.MaxAttempts - 1).Select(failed => RunOrchestrator.RetryDelay(phase, failed));
    }

    internal static PhaseGroup Of(int order, ImmutableArray<PhasePlan> phases) => new(order, phases.Length > 1 && phases.All(p => p.Parallel), phases);

    private TimeSpan Combine(IEnumerable<TimeSpan> times) =>
        Parallel ? times.DefaultIfEmpty(TimeSpan.Zero).Max() : times.Aggregate(TimeSpan.Zero, (sum, t) => sum + t);
}
