using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Bench.Context;

/// <summary>
/// What the context costs a phase attempt: open the view over the run's shared data, read an earlier output, write
/// two metadata keys, and merge the result into the shared data — against the merge alone, which the engine does
/// for every phase whether or not the phase uses the context.
/// </summary>
internal static class AttemptBench
{
    public static void Run(int[] entryCounts, TimeSpan duration)
    {
        Console.WriteLine("one phase attempt's context: view + 1 output read + 2 metadata writes + merge, vs the merge alone");
        Console.WriteLine($"{"entries",8} {"merge alone",14} {"with context",14} {"ratio",7}");
        foreach (var entries in entryCounts)
        {
            var shared = Build(entries);
            var changes = ImmutableDictionary<string, JsonElement>.Empty
                .Add("words", JsonSerializer.SerializeToElement(1200L))
                .Add("language", JsonSerializer.SerializeToElement("en"));
            var output = JsonSerializer.SerializeToElement(new { done = true });
            Check(shared, changes);

            var alone = PerOperation(duration, () => shared.WithPhaseResult("next", new PhaseResult { Output = output, Metadata = changes }));
            var viewed = PerOperation(duration, () => Attempt(shared, output));
            Console.WriteLine($"{entries,8} {Time(alone),14} {Time(viewed),14} {viewed / alone,7:0.00}");
        }
    }

    private static SharedData Attempt(SharedData shared, JsonElement output)
    {
        var context = PluginContext.Of(shared);
        _ = context.GetPhaseOutput("phase-00000");
        context.Set("words", 1200L);
        context.Set("language", "en");
        return shared.WithPhaseResult("next", context.ApplyTo(new PhaseResult { Output = output }));
    }

    /// <summary><paramref name="entries"/> earlier phase outputs and as many metadata keys.</summary>
    private static SharedData Build(int entries)
    {
        var shared = SharedData.Empty;
        var metadata = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        for (var i = 0; i < entries; i++)
        {
            shared = shared.WithPhaseOutput($"phase-{i:D5}", JsonSerializer.SerializeToElement(new { index = i, text = $"output of phase {i}" }));
            metadata[$"key-{i:D5}"] = JsonSerializer.SerializeToElement(i);
        }

        return shared.WithMetadata(metadata.ToImmutable());
    }

    /// <summary>Makes sure both paths give the same shared data, so the figures compare the same work.</summary>
    private static void Check(SharedData shared, ImmutableDictionary<string, JsonElement> changes)
    {
        var output = JsonSerializer.SerializeToElement(new { done = true });
        if (!Attempt(shared, output).Equals(shared.WithPhaseResult("next", new PhaseResult { Output = output, Metadata = changes })))
        {
            throw new InvalidOperationException("The context path merged something else than the plain merge; the benchmark would be meaningless.");
        }
    }

    /// <summary>Warms up, then repeats <paramref name="operation"/> for about <paramref name="duration"/>; returns seconds per operation.</summary>
    private static double PerOperation(TimeSpan duration, Func<object> operation)
    {
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed < duration / 4)
        {
            GC.KeepAlive(operation());
        }

        long count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            GC.KeepAlive(operation());
            count++;
        }

        return watch.Elapsed.TotalSeconds / count;
    }

    private static string Time(double seconds) => seconds < 1e-3 ? $"{seconds * 1e6:0.0} µs" : $"{seconds * 1e3:0.00} ms";
}
