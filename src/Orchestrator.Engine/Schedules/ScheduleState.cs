namespace Orchestrator.Engine.Schedules;

/// <summary>What a schedule orchestration carries from one generation to the next (continue-as-new).</summary>
public sealed record ScheduleState
{
    public required string Workflow { get; init; }

    public required ScheduleDefinition Definition { get; init; }

    /// <summary>The workflow file the schedule was read from.</summary>
    public string? File { get; init; }

    /// <summary>A fire the schedule reaches later than this counts as missed (<see cref="EngineOptions.ScheduleMissedAfter"/>).</summary>
    public TimeSpan MissedAfter { get; init; } = EngineOptions.DefaultScheduleMissedAfter;

    public bool Paused { get; init; }

    /// <summary>Every fire at or before this time has been handled (started, skipped or missed); null before the first generation.</summary>
    public DateTimeOffset? Cursor { get; init; }

    /// <summary>The fire time of the last run the schedule started for a fire.</summary>
    public DateTimeOffset? LastFire { get; init; }

    /// <summary>The last run the schedule started (for a fire or a trigger); overlap is judged by it.</summary>
    public string? LastRunId { get; init; }

    /// <summary>With <see cref="ScheduleOverlap.BufferOne"/>: the fire whose run waits for <see cref="LastRunId"/> to end.</summary>
    public DateTimeOffset? BufferedFire { get; init; }

    /// <summary>Why the last start failed; cleared by the next start.</summary>
    public string? LastError { get; init; }

    /// <summary>Fires not run because the previous run still ran or because they were missed.</summary>
    public long SkippedFires { get; init; }
}
