using System.Text.Json.Serialization;

namespace Orchestrator.Abstractions.Context;

/// <summary>Timing of one phase in <see cref="RunMetrics.Phases"/>.</summary>
/// <param name="Phase">The phase name.</param>
/// <param name="StartedAt">When the first attempt started.</param>
/// <param name="EndedAt">When the last attempt ended; not before <paramref name="StartedAt"/>.</param>
/// <param name="Attempts">How many attempts ran, at least 1.</param>
public sealed record PhaseMetrics(
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("ended_at")] DateTimeOffset EndedAt,
    [property: JsonPropertyName("attempts")] int Attempts)
{
    /// <summary>The time from start to end (retries and waits included).</summary>
    [JsonIgnore]
    public TimeSpan Duration => EndedAt - StartedAt;

    /// <summary><see cref="Duration"/> in milliseconds, as written to JSON (read back from start and end, not from this field).</summary>
    [JsonPropertyName("duration_ms")]
    public double DurationMs => Duration.TotalMilliseconds;
}
