using System.Diagnostics;
using System.Reflection;

namespace Orchestrator.Engine.Telemetry;

/// <summary>
/// Gives a span the ids its run fixed when it was scheduled. The run span ends hours after its phase-attempt spans were
/// exported under its id, possibly in another process, and <see cref="Activity"/> has no public way to take a given
/// span id (or a trace id for a root span); the Durable Task SDK sets its orchestration span's id the same way.
/// </summary>
internal static class FixedIds
{
    private static readonly FieldInfo? TraceIdField = typeof(Activity).GetField("_traceId", BindingFlags.NonPublic | BindingFlags.Instance);
    private static readonly FieldInfo? SpanIdField = typeof(Activity).GetField("_spanId", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <summary>Sets the span's ids; false when this runtime's <see cref="Activity"/> has no such fields (the span keeps its own).</summary>
    public static bool Apply(Activity span, string traceId, string spanId)
    {
        if (TraceIdField is null || SpanIdField is null || TraceIdField.FieldType != typeof(string) || SpanIdField.FieldType != typeof(string))
        {
            return false;
        }

        TraceIdField.SetValue(span, traceId);
        SpanIdField.SetValue(span, spanId);
        return span.TraceId.ToHexString() == traceId && span.SpanId.ToHexString() == spanId;
    }
}
