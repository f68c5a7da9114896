using System.Globalization;

namespace Orchestrator.Bench.Sidecar;

/// <summary>The results table, the ratio of each target to the floor, how each waited for completion, and the memory and sqlite backends' goals.</summary>
internal static class Report
{
    public static void Print(IReadOnlyList<Result> results)
    {
        Result? Find(string target) => results.SingleOrDefault(r => r.Target == target);
        var floor = results[0];
        Console.WriteLine(Invariant($"3-activity no-op orchestration, {Environment.ProcessorCount} cores; latency over {Measure.LatencySamples} sequential runs; {Measure.TotalRuns} runs per target"));
        Console.WriteLine($"{"target",-34} {"200 runs/s",11} {"1000 runs/s",12} {"p50 ms",8} {"p99 ms",8} {"floor is x faster (1000 / p50)",32} {"cpu ms/run",11} {"db B/run",9} {"after purge",12}");
        foreach (var r in results)
        {
            var ratio = r == floor
                ? "baseline"
                : Invariant($"{floor.RunsPerSecond1000 / r.RunsPerSecond1000:0.0}x / {r.P50Ms / floor.P50Ms:0.0}x");
            var perRun = r.BytesPerRun is { } bytes ? Invariant($"{bytes:0}") : "-";
            var afterPurge = r.BytesAfterPurge is { } after ? Invariant($"{after / 1024.0:0} KiB") : "-";
            Console.WriteLine(Invariant(
                $"{r.Target,-34} {r.RunsPerSecond200,11:0.0} {r.RunsPerSecond1000,12:0.0} {r.P50Ms,8:0.00} {r.P99Ms,8:0.00} {ratio,32} {r.CpuMsPerRun,11:0.00} {perRun,9} {afterPurge,12}"));
        }

        Console.WriteLine("completion wait:");
        foreach (var r in results.Where(r => r.CompletionWait is not null))
        {
            Console.WriteLine($"  {r.Target,-32} {r.CompletionWait}");
        }

        var memory = Find("sidecar memory");
        foreach (var target in new[] { memory, Find("sidecar memory, in-process") })
        {
            if (target is null)
            {
                continue;
            }

            Console.WriteLine($"{target.Target} goals (issue 15 item 5):");
            Goal("1,000-run runs/s vs the floor", target.RunsPerSecond1000 / floor.RunsPerSecond1000, 0.5, "x");
            Goal("p50 of one run, ms (at most)", target.P50Ms, 3, " ms", atMost: true);

            // Both sides are CPU-bound, and a loaded machine slows the floor more than the sidecar: the ratio of CPU
            // per run is the steadier reading of the same goal.
            Goal("floor's cpu ms/run / sidecar's", floor.CpuMsPerRun / target.CpuMsPerRun, 0.5, "x");
        }

        if (Find("sidecar sqlite") is not { } sqlite)
        {
            return;
        }

        Console.WriteLine("sidecar sqlite goals (1,000 runs):");
        if (memory is not null)
        {
            Goal("runs/s vs sidecar memory", sqlite.RunsPerSecond1000 / memory.RunsPerSecond1000, 0.5, "x");
        }

        if (Find("sidecar azure-storage (Azurite)") is { } azure)
        {
            Goal("runs/s vs sidecar azure-storage", sqlite.RunsPerSecond1000 / azure.RunsPerSecond1000, 20, "x");
        }

        Goal("1,000-run vs 200-run runs/s", sqlite.RunsPerSecond1000 / sqlite.RunsPerSecond200, 0.8, "x");
        Goal("p50 of one run, ms (at most)", sqlite.P50Ms, 15, " ms", atMost: true);
    }

    private static void Goal(string what, double value, double goal, string unit, bool atMost = false)
    {
        var met = atMost ? value <= goal : value >= goal;
        Console.WriteLine(Invariant($"  {what,-32} {value,8:0.00}{unit}  goal {(atMost ? "<=" : ">=")} {goal}{unit}  {(met ? "met" : "NOT met")}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
