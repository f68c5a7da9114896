using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Context;

/// <summary>
/// Runs a plain phase and records each attempt in a <see cref="PluginContext"/>: its input, output, status,
/// timing and error. The counterpart of the original <c>WrapPhasesWithContext</c>.
/// </summary>
/// <remarks>
/// Each attempt replaces the map stored under <see cref="RecordKey"/> (<c>phases.{name}</c>), with the keys
/// <c>phase</c>, <c>attempt</c> (integer), <c>status</c> (<c>running</c>, then <c>succeeded</c>, <c>failed</c>
/// or <c>canceled</c>), <c>input</c> (the request input as JSON, <c>null</c> when there is none),
/// <c>started_at</c> and <c>ended_at</c> (<see cref="DateTimeOffset"/>), <c>duration_ms</c> (double, from the
/// injected <see cref="TimeProvider"/>), and then either <c>output</c> (JSON) or <c>error</c> and
/// <c>error_type</c> (strings). A failure is recorded and then rethrown unchanged.
/// </remarks>
public sealed class ContextTrackingPhase : IPhase
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Wraps one phase.</summary>
    /// <param name="inner">The phase to run.</param>
    /// <param name="context">Where attempts are recorded.</param>
    /// <param name="timeProvider">The clock for timestamps and durations; <see cref="TimeProvider.System"/> when omitted.</param>
    public ContextTrackingPhase(IPhase inner, PluginContext context, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(context);
        Inner = inner;
        Context = context;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The wrapped phase.</summary>
    public IPhase Inner { get; }

    /// <summary>The context attempts are recorded in.</summary>
    public PluginContext Context { get; }

    /// <inheritdoc/>
    public string Name => Inner.Name;

    /// <summary>The context key under which a phase's last attempt is recorded.</summary>
    /// <param name="phase">The phase name.</param>
    /// <returns><c>phases.{phase}</c>.</returns>
    public static string RecordKey(string phase) => $"phases.{phase}";

    /// <summary>Wraps every phase, in order, recording into one shared context. Phases already wrapped for that context are kept as they are.</summary>
    /// <param name="phases">The phases.</param>
    /// <param name="context">Where attempts are recorded.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <returns>The wrapped phases.</returns>
    public static IReadOnlyList<IPhase> Wrap(IEnumerable<IPhase> phases, PluginContext context, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(context);
        return [.. phases.Select(phase => phase switch
        {
            null => throw new ArgumentException("The phase list contains a null phase.", nameof(phases)),
            ContextTrackingPhase tracked when ReferenceEquals(tracked.Context, context) => tracked,
            _ => new ContextTrackingPhase(phase, context, timeProvider),
        })];
    }

    /// <inheritdoc/>
    public async Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = RecordKey(Name);
        var startedAt = _timeProvider.GetUtcNow();
        var started = _timeProvider.GetTimestamp();
        var record = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new KeyValuePair<string, object?>[]
        {
            new("phase", Name),
            new("attempt", request.Attempt),
            new("status", "running"),
            new("input", request.Input.ValueKind == JsonValueKind.Undefined ? null : request.Input),
            new("started_at", startedAt),
        });
        Context.Set(key, record);

        try
        {
            var result = await Inner.ExecuteAsync(request, cancellationToken);
            Context.Set(key, Finish(record, started, "succeeded")
                .SetItem("output", result.Output.ValueKind == JsonValueKind.Undefined ? null : result.Output));
            return result;
        }
        catch (Exception exception)
        {
            var status = exception is OperationCanceledException ? "canceled" : "failed";
            Context.Set(key, Finish(record, started, status)
                .SetItem("error", exception.Message)
                .SetItem("error_type", exception.GetType().FullName));
            throw;
        }
    }

    private ImmutableDictionary<string, object?> Finish(ImmutableDictionary<string, object?> record, long started, string status) => record
        .SetItem("status", status)
        .SetItem("ended_at", _timeProvider.GetUtcNow())
        .SetItem("duration_ms", _timeProvider.GetElapsedTime(started).TotalMilliseconds);
}
