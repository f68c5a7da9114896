using System.Globalization;

namespace Orchestrator.Engine.Schedules;

/// <summary>The durable names of schedules, and the ids of schedules and of the runs they start (docs/schedules.md#run-ids).</summary>
public static class ScheduleNames
{
    /// <summary>The orchestration that keeps one workflow's schedule.</summary>
    public const string Orchestration = "orchestrator.schedule";

    /// <summary>The activity that starts a scheduled run.</summary>
    public const string StartActivity = "orchestrator.schedule-start";

    /// <summary>The activity that reads the status of a schedule's previous run.</summary>
    public const string RunStatusActivity = "orchestrator.schedule-run-status";

    /// <summary>The event a schedule listens for (payload: a <see cref="ScheduleSignal"/>).</summary>
    public const string SignalEvent = "schedule";

    /// <summary>What every schedule's instance id starts with; no run id may (<c>RunIds.Problem</c>).</summary>
    public const string InstancePrefix = "schedule:";

    /// <summary>The instance id of the schedule of <paramref name="workflow"/>: <c>schedule:nightly</c>.</summary>
    public static string InstanceId(string workflow) => InstancePrefix + workflow;

    /// <summary>The workflow a schedule instance id names, or null when it is not one.</summary>
    public static string? WorkflowOf(string instanceId) =>
        instanceId.StartsWith(InstancePrefix, StringComparison.Ordinal) ? instanceId[InstancePrefix.Length..] : null;

    /// <summary>The id of the run the fire at <paramref name="fire"/> starts: <c>nightly:2026-12-01T02:00:00Z</c>.</summary>
    public static string FireRunId(string workflow, DateTimeOffset fire) =>
        string.Create(CultureInfo.InvariantCulture, $"{workflow}:{fire.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}");

    /// <summary>The id of the run a trigger at <paramref name="at"/> starts: <c>nightly:trigger:2026-12-01T14:03:12.345Z</c>.</summary>
    public static string TriggerRunId(string workflow, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{workflow}:trigger:{at.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss.fff'Z'}");
}
