namespace Orchestrator.Engine.Schedules;

/// <summary>What a <see cref="ScheduleSignal"/> asks of a schedule.</summary>
public enum ScheduleSignalKind
{
    Pause,
    Resume,
    Trigger,

    /// <summary>The workflow file changed its schedule.</summary>
    Update,
}
