using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Contracts.Plans;

/// <summary>One phase as the run would execute it. Durations are in seconds.</summary>
public sealed record PlanPhase
{
    /// <summary>The phase name.</summary>
    public required string Name { get; init; }

    /// <summary>False when the run goes on without it if it fails.</summary>
    public required bool Required { get; init; }

    /// <summary>True when the run waits for an approval before the phase starts.</summary>
    public required bool Approval { get; init; }

    /// <summary>The limit of one attempt; null for none.</summary>
    public required double? TimeoutSeconds { get; init; }

    /// <summary>How many attempts it gets: retries + 1 when retryable, else 1.</summary>
    public required int MaxAttempts { get; init; }

    /// <summary>The waits before the second, third, … attempt (the retry interval, doubling, at most 5 minutes).</summary>
    public required ImmutableArray<double> RetryDelaysSeconds { get; init; }

    /// <summary>The manifest's <c>estimated_time</c>; null when it gives none.</summary>
    public required double? EstimatedSeconds { get; init; }

    /// <summary>Every attempt used, each to its timeout plus the engine's margin, and every wait; null without a timeout.</summary>
    public required double? WorstCaseSeconds { get; init; }

    /// <summary>The effective config of the phase: the run's config with the phase's <c>config_overrides</c> on top.</summary>
    public required ImmutableDictionary<string, JsonElement> Config { get; init; }

    internal static PlanPhase From(PhasePlan phase, TimeSpan timeoutMargin) => new()
    {
        Name = phase.Name,
        Required = phase.Required,
        Approval = phase.Approval,
        TimeoutSeconds = phase.Timeout?.TotalSeconds,
        MaxAttempts = phase.MaxAttempts,
        RetryDelaysSeconds = [.. PhaseGroup.RetryDelays(phase).Select(d => d.TotalSeconds)],
        EstimatedSeconds = phase.EstimatedTime?.TotalSeconds,
        WorstCaseSeconds = PhaseGroup.WorstCase(phase, timeoutMargin)?.TotalSeconds,
        Config = phase.Config,
    };
}
