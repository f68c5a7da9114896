namespace Orchestrator.Engine.Schedules;

/// <summary>What a schedule does when a fire comes while its previous run has not finished (docs/schedules.md#overlap).</summary>
public enum ScheduleOverlap
{
    /// <summary>The fire is skipped.</summary>
    Skip,

    /// <summary>The run starts anyway, beside the one still going.</summary>
    Allow,

    /// <summary>One run is kept waiting and starts as soon as the running one ends; further fires meanwhile are skipped.</summary>
    BufferOne,
}
