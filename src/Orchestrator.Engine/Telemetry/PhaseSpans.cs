using System.Diagnostics;
using Orchestrator.Engine.Activities;

namespace Orchestrator.Engine.Telemetry;

/// <summary>
/// The span of one phase attempt, emitted by the activity that runs it (an activity never replays): a child of its
/// run's span, linked to the Durable Task SDK's activity span when the SDK traced the call.
/// </summary>
internal static class PhaseSpans
{
    public static Activity? Start(PhaseActivityInput input)
    {
        if (!EngineTelemetry.Source.HasListeners())
        {
            return null;
        }

        var run = RunTrace.FromTraceParent(input.TraceParent) ?? RunTrace.Derived(input.RunId);
        var sdk = Activity.Current;
        return EngineTelemetry.Source.StartActivity(
            $"phase {input.Plugin.Name}.{input.Phase}",
            ActivityKind.Internal,
            run.Context,
            [
                new(SpanTags.RunId, input.RunId),
                new(SpanTags.Plugin, input.Plugin.Name),
                new(SpanTags.PluginVersion, input.Plugin.Version),
                new(SpanTags.Phase, input.Phase),
                new(SpanTags.Attempt, input.Attempt),
            ],
            sdk is null ? null : [new ActivityLink(sdk.Context)]);
    }

    public static void End(Activity? span, string outcome, TimeSpan duration, Exception? failure)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(SpanTags.PhaseOutcome, outcome);
        span.SetTag(SpanTags.DurationMs, duration.TotalMilliseconds);
        if (failure is not null)
        {
            span.SetTag(SpanTags.Retryable, failure is not NonRetryablePhaseException);
            span.SetStatus(ActivityStatusCode.Error, failure.Message);
        }

        span.Dispose();
    }
}
