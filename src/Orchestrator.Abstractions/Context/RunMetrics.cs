using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Orchestrator.Abstractions.Context;

/// <summary>Per-phase timings of a run and the run totals computed from them.</summary>
public sealed record RunMetrics
{
    private readonly ImmutableSortedDictionary<string, PhaseMetrics> _phases = ImmutableSortedDictionary.Create<string, PhaseMetrics>(StringComparer.Ordinal);

    /// <summary>The metrics of every measured phase, by phase name (ordinal order).</summary>
    [JsonPropertyName("phases")]
    public ImmutableSortedDictionary<string, PhaseMetrics> Phases
    {
        get => _phases;
        init => _phases = (value ?? ImmutableSortedDictionary<string, PhaseMetrics>.Empty).WithComparers(StringComparer.Ordinal);
    }

    /// <summary>The attempts of all phases together.</summary>
    [JsonPropertyName("total_attempts")]
    public int TotalAttempts => Phases.Values.Sum(static phase => phase.Attempts);

    /// <summary>The durations of all phases added up, in milliseconds (parallel phases count separately).</summary>
    [JsonPropertyName("total_duration_ms")]
    public double TotalDurationMs => Phases.Values.Sum(static phase => phase.DurationMs);

    /// <summary>When the earliest phase started; absent when no phase was measured.</summary>
    [JsonPropertyName("started_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? StartedAt => Phases.IsEmpty ? null : Phases.Values.Min(static phase => phase.StartedAt);

    /// <summary>Equal when both hold the same phase entries.</summary>
    /// <param name="other">The metrics to compare with.</param>
    /// <returns><c>true</c> when the phase entries are equal.</returns>
    public bool Equals(RunMetrics? other) =>
        other is not null && Phases.Count == other.Phases.Count &&
        Phases.All(pair => other.Phases.TryGetValue(pair.Key, out var phase) && pair.Value == phase);

    /// <inheritdoc/>
    public override int GetHashCode() => Phases.Count;

    /// <summary>When the latest phase ended; absent when no phase was measured.</summary>
    [JsonPropertyName("ended_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? EndedAt => Phases.IsEmpty ? null : Phases.Values.Max(static phase => phase.EndedAt);
}
