using Orchestrator.Engine.Runs;

namespace Orchestrator.Engine.Schedules;

/// <summary>A schedule as <c>GET /api/schedules</c> and <c>schedules list --json</c> show it.</summary>
public sealed record ScheduleInfo
{
    public required string Workflow { get; init; }

    public required string Cron { get; init; }

    /// <summary>The IANA time zone the cron expression is read in.</summary>
    public required string Timezone { get; init; }

    public required ScheduleOverlap Overlap { get; init; }

    public required ScheduleCatchup Catchup { get; init; }

    /// <summary>Whether the scheduled runs' approval phases go ahead without an approve event.</summary>
    public bool AutoApprove { get; init; }

    public bool Paused { get; init; }

    /// <summary>The next fire; null while paused or when the expression never fires again.</summary>
    public DateTimeOffset? NextFire { get; init; }

    /// <summary>The fire time of the last run started for a fire.</summary>
    public DateTimeOffset? LastFire { get; init; }

    /// <summary>The last run the schedule started (for a fire or a trigger).</summary>
    public string? LastRunId { get; init; }

    /// <summary>Its status now; null when there is none or it was purged.</summary>
    public RunStatus? LastRunStatus { get; init; }

    /// <summary>With <c>overlap: buffer_one</c>: the fire whose run waits for the last run to end.</summary>
    public DateTimeOffset? BufferedFire { get; init; }

    /// <summary>Fires not run: the previous run still went (overlap) or they were missed (catchup: none).</summary>
    public long SkippedFires { get; init; }

    /// <summary>Why the last start failed (for example a plugin that is not loaded); null after a start that worked.</summary>
    public string? LastError { get; init; }

    /// <summary>False until a worker has taken the schedule up (nothing runs the database now).</summary>
    public bool Active { get; init; } = true;
}
