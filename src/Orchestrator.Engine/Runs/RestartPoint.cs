using System.Collections.Immutable;
using System.Globalization;
using Orchestrator.Abstractions.Context;
using Orchestrator.Engine.Orchestrations;

namespace Orchestrator.Engine.Runs;

/// <summary>
/// Where a retry starts and what it takes over from the run it retries (docs/running-workflows.md#retry-a-failed-run).
/// A retry starts at a unit: a parallel group is one unit, since its phases start from the same shared data and
/// restarting in it reruns it whole; each phase of a sequential group is a unit of its own.
/// </summary>
internal static class RestartPoint
{
    /// <summary>The units of <paramref name="phases"/> in the order the run executes them.</summary>
    public static ImmutableArray<ImmutableArray<PhasePlan>> Units(ImmutableArray<PhasePlan> phases) =>
    [
        .. phases.GroupBy(p => p.Order).OrderBy(g => g.Key)
            .Select(g => PhaseGroup.Of(g.Key, [.. g]))
            .SelectMany(g => g.Parallel ? [g.Phases] : g.Phases.Select(p => ImmutableArray.Create(p))),
    ];

    /// <summary>
    /// The unit to restart at: the one holding <paramref name="from"/>, or else the first unit the run did not finish.
    /// Null when that is not allowed; <paramref name="problems"/> then says why.
    /// </summary>
    /// <param name="runId">The run retried.</param>
    /// <param name="plugin">The plugin version the retry runs, as messages name it.</param>
    /// <param name="units">Its units (<see cref="Units"/>).</param>
    /// <param name="finished">The phases the run finished, by name.</param>
    /// <param name="from">The phase asked for, or null.</param>
    /// <param name="problems">Receives what is wrong.</param>
    public static int? Find(
        string runId, string plugin, ImmutableArray<ImmutableArray<PhasePlan>> units, IReadOnlyDictionary<string, CompletedPhase> finished,
        string? from, ICollection<string> problems)
    {
        var stopped = units.Index().FirstOrDefault(u => !u.Item.All(p => Done(p, finished)), (-1, []));
        var allowed = stopped.Index < 0 ? units : units[..(stopped.Index + 1)];
        var allowedText = string.Join(", ", allowed.SelectMany(u => u).Select(p => p.Name));
        if (from is null)
        {
            if (stopped.Index >= 0)
            {
                return stopped.Index;
            }

            problems.Add($"every phase of run '{runId}' had finished when it stopped; give the phase to start at (--from, or 'from'): one of {allowedText}");
            return null;
        }

        var asked = units.Index().FirstOrDefault(u => u.Item.Any(p => p.Name == from), (-1, []));
        if (asked.Index < 0)
        {
            problems.Add($"from: '{from}' is not a phase of plugin {plugin}; its phases are {string.Join(", ", units.SelectMany(u => u).Select(p => p.Name))}");
            return null;
        }

        if (stopped.Index >= 0 && asked.Index > stopped.Index)
        {
            var at = string.Join(", ", stopped.Item.Select(p => $"'{p.Name}'"));
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"from: phase '{from}' comes after {at}, where run '{runId}' stopped; a retry starts at a phase at or before it: {allowedText}"));
            return null;
        }

        return asked.Index;
    }

    /// <summary>
    /// What the retry takes over: the phases of the units before <paramref name="restart"/> as the run retried finished
    /// them, their outputs, errors and timings, and the run's metadata without the approvals of phases it runs again.
    /// </summary>
    public static RetrySeed Seed(
        string runId, ImmutableArray<ImmutableArray<PhasePlan>> units, int restart, IReadOnlyList<CompletedPhase> finished, SharedData shared,
        ImmutableArray<string> artifacts)
    {
        var carried = units[..restart].SelectMany(u => u).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var rerun = units[restart..].SelectMany(u => u).Select(p => $"approval.{p.Name}").ToHashSet(StringComparer.Ordinal);
        var data = SharedData.Empty with
        {
            PhaseOutputs = shared.PhaseOutputs.Where(o => carried.Contains(o.Key)).ToImmutableDictionary(),
            Metadata = shared.Metadata.Where(m => !rerun.Contains(m.Key)).ToImmutableDictionary(),
            Errors = [.. shared.Errors.Where(e => carried.Contains(e.Phase))],
            Metrics = shared.Metrics with { Phases = shared.Metrics.Phases.Where(m => carried.Contains(m.Key)).ToImmutableSortedDictionary() },
        };
        return new RetrySeed
        {
            Phases = [.. finished.Where(p => carried.Contains(p.Phase)).Select(p => p with { CopiedFrom = p.CopiedFrom ?? runId })],
            SharedData = data,
            Artifacts = restart == 0 ? [] : artifacts,
        };
    }

    // An optional phase that failed is done: the run went on without it, and so does the retry.
    private static bool Done(PhasePlan phase, IReadOnlyDictionary<string, CompletedPhase> finished) =>
        finished.TryGetValue(phase.Name, out var done) && (done.Succeeded || !done.Required);
}
