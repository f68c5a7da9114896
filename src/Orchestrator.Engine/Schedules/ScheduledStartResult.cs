namespace Orchestrator.Engine.Schedules;

/// <summary>What <see cref="StartScheduledRunActivity"/> did: the run started (or already there), or why none could start.</summary>
public sealed record ScheduledStartResult(string? RunId, string? Error);
