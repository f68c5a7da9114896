using Microsoft.Extensions.Logging;

namespace Orchestrator.Engine;

/// <summary>The engine's log messages (EventIds 6000–6099).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Run {RunId}: {Plugin}.{Phase} attempt {Attempt} started")]
    public static partial void PhaseAttemptStarted(this ILogger logger, string runId, string plugin, string phase, int attempt);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Run {RunId}: {Plugin}.{Phase} attempt {Attempt} succeeded")]
    public static partial void PhaseAttemptSucceeded(this ILogger logger, string runId, string plugin, string phase, int attempt);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Run {RunId}: {Plugin}.{Phase} attempt {Attempt} failed: {Reason}")]
    public static partial void PhaseAttemptFailed(this ILogger logger, string runId, string plugin, string phase, int attempt, string reason);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Run {RunId}: {Plugin}.{Phase} attempt {Attempt} was interrupted because the worker is stopping; it runs again when a worker continues the run")]
    public static partial void PhaseAttemptInterrupted(this ILogger logger, string runId, string plugin, string phase, int attempt);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Run {RunId}: {Plugin}.{Phase} reported the artifact {Artifact}; it is not listed")]
    public static partial void ArtifactNotListed(this ILogger logger, string runId, string plugin, string phase, string artifact);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Run {RunId} scheduled: {Target} ({Plugin})")]
    public static partial void RunScheduled(this ILogger logger, string runId, string target, string plugin);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "Run {RunId} scheduled: a retry of run {RetryOf} ({Plugin}), from phase {From}")]
    public static partial void RunRetryScheduled(this ILogger logger, string runId, string retryOf, string plugin, string from);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "Run {RunId}, a retry of run {RetryOf}: the workspace {Workspace} of run {RetryOf} is not in this data directory, so its files were not copied")]
    public static partial void RetryWorkspaceNotCopied(this ILogger logger, string runId, string retryOf, string workspace);

    [LoggerMessage(EventId = 6020, Level = LogLevel.Information, Message = "Retention: purged run {RunId} ({Status}, last updated {LastUpdated:O}, retention {Retention}); workspace {WorkspaceState}")]
    public static partial void RunPurged(this ILogger logger, string runId, string status, DateTimeOffset lastUpdated, TimeSpan retention, string workspaceState);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Information, Message = "Retention: pass done, {Purged} run(s) purged, {Kept} terminal run(s) kept")]
    public static partial void RetentionPass(this ILogger logger, int purged, int kept);

    [LoggerMessage(EventId = 6022, Level = LogLevel.Warning, Message = "Retention: the purge pass failed; it runs again in {Interval}")]
    public static partial void RetentionFailed(this ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(EventId = 6023, Level = LogLevel.Information, Message = "Removed the workspace {Workspace} of run {RunId}: the run was lost with the in-memory backend when {Owner} stopped")]
    public static partial void LostWorkspaceRemoved(this ILogger logger, string runId, string workspace, string owner);

    [LoggerMessage(EventId = 6024, Level = LogLevel.Warning, Message = "Removing the workspaces of runs lost with the in-memory backend failed at {Directory}; it is tried again in {Interval}")]
    public static partial void LostRunCleanupFailed(this ILogger logger, Exception exception, string directory, TimeSpan interval);

    [LoggerMessage(EventId = 6025, Level = LogLevel.Information, Message = "Lost-run cleanup: pass done, {Removed} workspace(s) of runs lost with the in-memory backend removed")]
    public static partial void LostRunCleanupPass(this ILogger logger, int removed);

    [LoggerMessage(EventId = 6026, Level = LogLevel.Warning, Message = "Run {RunId}: a value stored outside its history cannot be read back, so the record shows its reference: {Reason}")]
    public static partial void PayloadNotRead(this ILogger logger, string runId, string reason);

    [LoggerMessage(EventId = 6030, Level = LogLevel.Warning, Message = "Workflow problem: {Problem}")]
    public static partial void WorkflowProblem(this ILogger logger, string problem);

    [LoggerMessage(EventId = 6040, Level = LogLevel.Information, Message = "Schedule {Workflow}: started run {RunId}")]
    public static partial void ScheduledRunStarted(this ILogger logger, string workflow, string runId);

    [LoggerMessage(EventId = 6041, Level = LogLevel.Warning, Message = "Schedule {Workflow}: {Error}")]
    public static partial void ScheduledRunNotStarted(this ILogger logger, string workflow, string error);

    [LoggerMessage(EventId = 6042, Level = LogLevel.Information, Message = "Schedule {Workflow}: skipped the fire at {Fire:O}: run {RunId} is still going (overlap: skip)")]
    public static partial void ScheduleFireSkipped(this ILogger logger, string workflow, DateTimeOffset fire, string runId);

    [LoggerMessage(EventId = 6043, Level = LogLevel.Information, Message = "Schedule {Workflow}: the fire at {Fire:O} waits for run {RunId} to end (overlap: buffer_one)")]
    public static partial void ScheduleFireBuffered(this ILogger logger, string workflow, DateTimeOffset fire, string runId);

    [LoggerMessage(EventId = 6044, Level = LogLevel.Information, Message = "Schedule {Workflow}: missed the fire at {Fire:O} by {Late} (catchup: none)")]
    public static partial void ScheduleFireMissed(this ILogger logger, string workflow, DateTimeOffset fire, TimeSpan late);

    [LoggerMessage(EventId = 6045, Level = LogLevel.Information, Message = "Schedule {Workflow}: updated from its workflow file (cron '{Cron}')")]
    public static partial void ScheduleUpdated(this ILogger logger, string workflow, string cron);

    [LoggerMessage(EventId = 6046, Level = LogLevel.Information, Message = "Schedules: {Action} the schedule of workflow {Workflow}")]
    public static partial void ScheduleReconciled(this ILogger logger, string action, string workflow);

    [LoggerMessage(EventId = 6047, Level = LogLevel.Warning, Message = "Schedules: reconciling the workflows' schedules failed; it is tried again in {Interval}")]
    public static partial void ScheduleReconcileFailed(this ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(EventId = 6080, Level = LogLevel.Warning, Message = "Plugin version collection failed: the run store could not say which versions runs pin; nothing was collected, it is tried again in {Interval}")]
    public static partial void PluginCollectionFailed(this ILogger logger, Exception exception, TimeSpan interval);
}
