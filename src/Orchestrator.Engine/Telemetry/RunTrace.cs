using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Telemetry;

/// <summary>
/// The trace of one run, fixed when the run is scheduled and carried in its input, so that every replay and every
/// process that continues the run puts its spans into the same trace under the same run span
/// (docs/observability.md#traces).
/// </summary>
/// <param name="TraceId">The W3C trace id (32 lowercase hex digits).</param>
/// <param name="SpanId">The run span's id (16 lowercase hex digits); the phase-attempt spans are its children.</param>
/// <param name="ParentSpanId">The span of the workflow run this run is a step of; null for a top-level run.</param>
public sealed record RunTrace(string TraceId, string SpanId, string? ParentSpanId = null)
{
    /// <summary>A new trace for a run being scheduled.</summary>
    public static RunTrace New() => new(ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString());

    /// <summary>The trace of a run scheduled before runs carried one: derived from its id, the same in every replay.</summary>
    public static RunTrace Derived(string runId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(runId));
        return new(Convert.ToHexStringLower(hash.AsSpan(0, 16)), Convert.ToHexStringLower(hash.AsSpan(16, 8)));
    }

    /// <summary>The trace of step <paramref name="stepRunId"/> of this workflow run: the same trace, a child of this run's span.</summary>
    public RunTrace Step(string stepRunId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{SpanId}/{stepRunId}"));
        return new(TraceId, Convert.ToHexStringLower(hash.AsSpan(0, 8)), SpanId);
    }

    /// <summary>The run span as a W3C <c>traceparent</c>, as each phase attempt is sent it.</summary>
    [JsonIgnore]
    public string TraceParent => $"00-{TraceId}-{SpanId}-01";

    /// <summary>The run span of a <see cref="TraceParent"/>; null when it is missing or malformed.</summary>
    public static RunTrace? FromTraceParent(string? traceParent) =>
        traceParent is { Length: 55 } && traceParent.StartsWith("00-", StringComparison.Ordinal)
            && new RunTrace(traceParent[3..35], traceParent[36..52]) is { IsValid: true } trace
            ? trace
            : null;

    /// <summary>The context a phase-attempt span takes as its parent.</summary>
    internal ActivityContext Context => new(
        ActivityTraceId.CreateFromString(TraceId), ActivitySpanId.CreateFromString(SpanId), ActivityTraceFlags.Recorded, isRemote: true);

    /// <summary>Whether both ids are well-formed (an input edited by hand may hold anything).</summary>
    internal bool IsValid => IsHex(TraceId, 32) && IsHex(SpanId, 16) && (ParentSpanId is null || IsHex(ParentSpanId, 16))
        && TraceId != new string('0', 32) && SpanId != new string('0', 16);

    private static bool IsHex(string value, int length) => value.Length == length && value.All(char.IsAsciiHexDigitLower);
}
