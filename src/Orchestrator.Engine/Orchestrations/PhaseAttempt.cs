namespace Orchestrator.Engine.Orchestrations;

/// <summary>A phase attempt in flight.</summary>
/// <param name="Phase">The phase name.</param>
/// <param name="Attempt">The attempt number, from 1.</param>
/// <param name="MaxAttempts">How many attempts the phase may take.</param>
/// <param name="StartedAt">When this attempt started (orchestration time).</param>
/// <param name="EstimatedMs">The manifest's estimated_time in milliseconds, if any.</param>
public sealed record PhaseAttempt(string Phase, int Attempt, int MaxAttempts, DateTimeOffset StartedAt, double? EstimatedMs);
