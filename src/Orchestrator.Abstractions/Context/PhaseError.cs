using System.Text.Json.Serialization;

namespace Orchestrator.Abstractions.Context;

/// <summary>One failed phase attempt recorded in <see cref="SharedData.Errors"/>.</summary>
/// <param name="Phase">The phase name.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="Attempt">The attempt number, starting at 1.</param>
/// <param name="OccurredAt">When the attempt failed.</param>
/// <param name="Required">Whether the phase was required (a failed required phase fails the run).</param>
public sealed record PhaseError(
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("occurred_at")] DateTimeOffset OccurredAt,
    [property: JsonPropertyName("required")] bool Required);
