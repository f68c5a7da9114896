using System.Diagnostics;
using Microsoft.DurableTask;

namespace Orchestrator.Engine.Telemetry;

/// <summary>
/// Emits a run's span once, when its orchestration ends in code that does not replay: start time the run's request,
/// end time the orchestration clock of its last episode, ids from its <see cref="RunTrace"/>. It links to the Durable
/// Task SDK's orchestration span when the SDK traced this episode.
/// </summary>
internal static class RunSpans
{
    /// <summary>
    /// The short span of scheduling a run, a child of its run span: the SDK's <c>create_orchestration</c> span, and with
    /// it the SDK's orchestration, activity and timer spans of the run, go into the run's trace under it. Null when no
    /// one listens.
    /// </summary>
    public static Activity? Scheduling(RunTrace trace, string runId, string target) =>
        EngineTelemetry.Source.StartActivity(
            $"schedule {target}", ActivityKind.Producer, trace.Context, [new(SpanTags.RunId, runId), new(SpanTags.Target, target)]);

    public static void End(TaskOrchestrationContext context, RunTrace? trace, RunSpan run, Exception? failure)
    {
        if (context.IsReplaying || !EngineTelemetry.Source.HasListeners())
        {
            return;
        }

        var ids = trace is { IsValid: true } given ? given : RunTrace.Derived(context.InstanceId);
        var sdk = Activity.Current;
        var parent = ids.ParentSpanId is { } parentSpan
            ? new ActivityContext(ActivityTraceId.CreateFromString(ids.TraceId), ActivitySpanId.CreateFromString(parentSpan), ActivityTraceFlags.Recorded, isRemote: true)
            : default;

        // A default parent means "the current activity": a top-level run is a root, not a child of the SDK's span.
        Activity.Current = null;
        try
        {
            using var span = EngineTelemetry.Source.StartActivity(
                $"run {run.Target}",
                ActivityKind.Internal,
                parent,
                run.Tags(context.InstanceId),
                sdk is null ? null : [new ActivityLink(sdk.Context)],
                run.StartedAt ?? new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
            if (span is null)
            {
                return;
            }

            FixedIds.Apply(span, ids.TraceId, ids.SpanId);
            span.SetTag(SpanTags.RunOutcome, failure is null ? "completed" : "failed");
            if (failure is not null)
            {
                span.SetStatus(ActivityStatusCode.Error, failure is TaskFailedException failed ? failed.FailureDetails.ErrorMessage : failure.Message);
            }

            span.SetEndTime(context.CurrentUtcDateTime);
        }
        finally
        {
            Activity.Current = sdk;
        }
    }
}
