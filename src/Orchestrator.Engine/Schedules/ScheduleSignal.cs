namespace Orchestrator.Engine.Schedules;

/// <summary>The payload of the <see cref="ScheduleNames.SignalEvent"/> event.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="At">With <see cref="ScheduleSignalKind.Trigger"/>: when it was asked for, which the run id names.</param>
/// <param name="Definition">With <see cref="ScheduleSignalKind.Update"/>: the new definition.</param>
/// <param name="MissedAfter">With <see cref="ScheduleSignalKind.Update"/>: the new lateness bound.</param>
/// <param name="File">With <see cref="ScheduleSignalKind.Update"/>: the workflow file it comes from now.</param>
public sealed record ScheduleSignal(ScheduleSignalKind Kind, DateTimeOffset? At = null, ScheduleDefinition? Definition = null, TimeSpan? MissedAfter = null, string? File = null);
