using System.Diagnostics;
using Orchestrator.Abstractions.Context;

namespace Orchestrator.Bench.Context;

/// <summary>Cost of Clone and of a JSON round trip (ToJson + FromJson) for contexts of a given size.</summary>
internal static class CopyBench
{
    public static void Run(int[] keyCounts, TimeSpan duration)
    {
        Console.WriteLine("clone and JSON round trip (values: long, string, map of 3, list of 3, in rotation)");
        Console.WriteLine($"{"keys",6} {"Clone",14} {"ToJson+FromJson",18} {"ratio",7} {"JSON bytes",11}");
        foreach (var keys in keyCounts)
        {
            var context = Build(keys);
            var json = context.ToJson();
            Check(context);

            var clone = PerOperation(duration, () => context.Clone());
            var roundTrip = PerOperation(duration, () => PluginContext.FromJson(context.ToJson()));
            Console.WriteLine($"{keys,6} {Time(clone),14} {Time(roundTrip),18} {roundTrip / clone,7:0.0} {json.Length,11}");
        }
    }

    private static PluginContext Build(int keys)
    {
        var context = new PluginContext();
        for (var i = 0; i < keys; i++)
        {
            object value = (i % 4) switch
            {
                0 => (long)i,
                1 => $"value number {i}",
                2 => new Dictionary<string, object?> { ["id"] = i, ["name"] = $"item {i}", ["ok"] = true },
                _ => new object[] { i, 0.5 * i, "x" },
            };
            context.Set($"key-{i:D5}", value);
        }

        return context;
    }

    /// <summary>Makes sure the measured operations really copy everything, so the figures measure real work.</summary>
    private static void Check(PluginContext context)
    {
        var expected = context.ToJson();
        if (context.Clone().ToJson() != expected || PluginContext.FromJson(expected).ToJson() != expected)
        {
            throw new InvalidOperationException("Clone or JSON round trip changed the context; the benchmark would be meaningless.");
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
