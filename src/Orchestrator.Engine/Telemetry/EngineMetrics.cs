using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orchestrator.Engine.Telemetry;

/// <summary>
/// The engine's metrics (docs/observability.md#metrics). Runs are counted by the worker that executes them, from code
/// that does not replay; <c>orchestrator.runs.in_flight</c> counts the runs this process's worker has picked up and not
/// seen end, so a run continued after a restart is counted by the process that continues it.
/// </summary>
public sealed class EngineMetrics
{
    /// <summary>The tag of the run metrics: the workflow or plugin a run was started for.</summary>
    public const string TargetTag = "orchestrator.target";

    public const string PluginTag = "orchestrator.plugin";

    public const string PhaseTag = "orchestrator.phase";

    /// <summary>succeeded, failed or interrupted (the worker stopped during the attempt).</summary>
    public const string OutcomeTag = "orchestrator.outcome";

    // Phases take from milliseconds (built-ins) to hours (an executable writing a book).
    private static readonly double[] DurationBuckets = [0.005, 0.025, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];

    private const int MaxTerminated = 4096;

    private readonly Counter<long> _started;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly UpDownCounter<long> _inFlight;
    private readonly Histogram<double> _phaseDuration;
    private readonly Counter<long> _phaseAttempts;
    private readonly ConcurrentDictionary<string, string> _inFlightRuns = new(StringComparer.Ordinal);

    // Runs terminated from here: the worker may still replay one to apply the termination, which must not count it again.
    private readonly ConcurrentDictionary<string, bool> _terminated = new(StringComparer.Ordinal);

    public EngineMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(EngineTelemetry.MeterName);
        _started = meter.CreateCounter<long>("orchestrator.runs.started", "{run}", "Runs that started executing, by target.");
        _completed = meter.CreateCounter<long>("orchestrator.runs.completed", "{run}", "Runs that completed, by target.");
        _failed = meter.CreateCounter<long>("orchestrator.runs.failed", "{run}", "Runs that failed, by target.");
        _inFlight = meter.CreateUpDownCounter<long>("orchestrator.runs.in_flight", "{run}", "Runs this process's worker executes that have not ended, by target.");
        _phaseDuration = meter.CreateHistogram(
            "orchestrator.phase.duration", "s", "How long phase attempts took, by plugin, phase and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _phaseAttempts = meter.CreateCounter<long>("orchestrator.phase.attempts", "{attempt}", "Phase attempts, by plugin, phase and outcome.");
    }

    /// <summary>An episode of a top-level run executes here; <paramref name="first"/> is its very first one.</summary>
    internal void RunEpisode(string runId, string target, bool first)
    {
        var tag = new KeyValuePair<string, object?>(TargetTag, target);
        if (first)
        {
            _started.Add(1, tag);
        }

        // Every episode of a run comes here; the look-ups without a lock keep the later ones from taking one. A terminated
        // run stays known as such: more than one episode can still come for it (the one that reads the termination, and
        // again when the backend hands that work item out a second time).
        if (!_inFlightRuns.ContainsKey(runId) && !_terminated.ContainsKey(runId) && _inFlightRuns.TryAdd(runId, target))
        {
            _inFlight.Add(1, tag);
        }
    }

    internal void RunEnded(string runId, string target, bool succeeded)
    {
        (succeeded ? _completed : _failed).Add(1, new KeyValuePair<string, object?>(TargetTag, target));
        RunGone(runId);
    }

    /// <summary>The run was terminated from this process: its orchestration does not run again to say it ended.</summary>
    internal void RunTerminated(string runId)
    {
        // Bounded: a termination whose run this worker never replays again leaves its entry behind.
        if (_terminated.Count >= MaxTerminated)
        {
            _terminated.Clear();
        }

        _terminated[runId] = true;
        RunGone(runId);
    }

    private void RunGone(string runId)
    {
        if (_inFlightRuns.TryRemove(runId, out var target))
        {
            _inFlight.Add(-1, new KeyValuePair<string, object?>(TargetTag, target));
        }
    }

    internal void PhaseAttempt(string plugin, string phase, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { PluginTag, plugin }, { PhaseTag, phase }, { OutcomeTag, outcome } };
        _phaseDuration.Record(duration.TotalSeconds, tags);
        _phaseAttempts.Add(1, tags);
    }
}
