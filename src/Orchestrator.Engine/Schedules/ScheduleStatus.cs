namespace Orchestrator.Engine.Schedules;

/// <summary>What a schedule orchestration publishes (its custom status) for listings and for reconciling.</summary>
public sealed record ScheduleStatus
{
    public required string Workflow { get; init; }

    public required ScheduleDefinition Definition { get; init; }

    public string? File { get; init; }

    public TimeSpan MissedAfter { get; init; }

    public bool Paused { get; init; }

    /// <summary>The next fire; null while paused or when the expression never fires again.</summary>
    public DateTimeOffset? NextFire { get; init; }

    public DateTimeOffset? LastFire { get; init; }

    public string? LastRunId { get; init; }

    public DateTimeOffset? BufferedFire { get; init; }

    public string? LastError { get; init; }

    public long SkippedFires { get; init; }

    /// <summary>The status of <paramref name="state"/> waiting for <paramref name="next"/>.</summary>
    public static ScheduleStatus Of(ScheduleState state, DateTimeOffset? next)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new ScheduleStatus
        {
            Workflow = state.Workflow,
            Definition = state.Definition,
            File = state.File,
            MissedAfter = state.MissedAfter,
            Paused = state.Paused,
            NextFire = next,
            LastFire = state.LastFire,
            LastRunId = state.LastRunId,
            BufferedFire = state.BufferedFire,
            LastError = state.LastError,
            SkippedFires = state.SkippedFires,
        };
    }
}
