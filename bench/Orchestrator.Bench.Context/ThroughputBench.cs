using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Orchestrator.Abstractions.Context;

namespace Orchestrator.Bench.Context;

/// <summary>
/// Get/set throughput (half TryGet, half Set, over 64 keys) of a phase's PluginContext — the view of the run's shared
/// data, over 64 metadata keys of earlier phases — against a bare ConcurrentDictionary of objects, and against one that
/// stores each value as JSON the way the run's metadata holds it (the conversion every Set pays).
/// </summary>
internal static class ThroughputBench
{
    private const int KeyCount = 64;
    private static readonly string[] Keys = [.. Enumerable.Range(0, KeyCount).Select(i => $"key-{i}")];
    private static readonly object[] Values = [.. Enumerable.Range(0, KeyCount).Select(i => (object)(long)i)];

    public static void Run(int[] threadCounts, TimeSpan duration)
    {
        var dictionary = new ConcurrentDictionary<string, object?>(StringComparer.Ordinal);
        var jsonDictionary = new ConcurrentDictionary<string, JsonElement>(StringComparer.Ordinal);
        var earlier = Keys.ToImmutableDictionary(key => key, key => JsonSerializer.SerializeToElement(key), StringComparer.Ordinal);
        var context = new PluginContext(phaseOutputs: null, metadata: earlier);

        // Warm up every path (JIT tiering) before measuring.
        foreach (var _ in Enumerable.Range(0, 3))
        {
            Measure(1, TimeSpan.FromMilliseconds(200), (key, value, set) => DictionaryOp(dictionary, key, value, set));
            Measure(1, TimeSpan.FromMilliseconds(200), (key, value, set) => JsonDictionaryOp(jsonDictionary, key, value, set));
            Measure(1, TimeSpan.FromMilliseconds(200), (key, value, set) => ContextOp(context, key, value, set));
        }

        Console.WriteLine("get/set throughput (50% TryGet, 50% Set, 64 keys)");
        Console.WriteLine($"{"threads",7} {"ConcurrentDictionary",22} {"of JSON",16} {"PluginContext",16} {"ratio",7} {"to JSON",8}");
        foreach (var threads in threadCounts)
        {
            var baseline = Measure(threads, duration, (key, value, set) => DictionaryOp(dictionary, key, value, set));
            var json = Measure(threads, duration, (key, value, set) => JsonDictionaryOp(jsonDictionary, key, value, set));
            var viewed = Measure(threads, duration, (key, value, set) => ContextOp(context, key, value, set));
            Console.WriteLine($"{threads,7} {Rate(baseline),22} {Rate(json),16} {Rate(viewed),16} {viewed / baseline,7:0.00} {viewed / json,8:0.00}");
        }
    }

    private static bool DictionaryOp(ConcurrentDictionary<string, object?> dictionary, string key, object value, bool set)
    {
        if (set)
        {
            dictionary[key] = value;
            return true;
        }

        return dictionary.TryGetValue(key, out _);
    }

    private static bool JsonDictionaryOp(ConcurrentDictionary<string, JsonElement> dictionary, string key, object value, bool set)
    {
        if (set)
        {
            dictionary[key] = JsonSerializer.SerializeToElement(value, value.GetType(), Orchestrator.Abstractions.OrchestratorJson.Options);
            return true;
        }

        return dictionary.TryGetValue(key, out _);
    }

    private static bool ContextOp(PluginContext context, string key, object value, bool set)
    {
        if (set)
        {
            context.Set(key, value);
            return true;
        }

        return context.TryGet(key, out _);
    }

    /// <summary>Runs the operation on <paramref name="threads"/> threads for <paramref name="duration"/>; returns operations per second.</summary>
    private static double Measure(int threads, TimeSpan duration, Func<string, object, bool, bool> operation)
    {
        var stop = 0;
        var counts = new long[threads];
        using var ready = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var i = t * 7;
            long done = 0;
            ready.SignalAndWait();
            while (Volatile.Read(ref stop) == 0)
            {
                for (var n = 0; n < 256; n++, i++)
                {
                    var slot = i & (KeyCount - 1);
                    operation(Keys[slot], Values[slot], (i & 1) == 0);
                }

                done += 256;
            }

            counts[t] = done;
        }) { IsBackground = true }).ToList();

        workers.ForEach(worker => worker.Start());
        ready.SignalAndWait();
        var watch = Stopwatch.StartNew();
        Thread.Sleep(duration);
        Volatile.Write(ref stop, 1);
        workers.ForEach(worker => worker.Join());
        watch.Stop();
        return counts.Sum() / watch.Elapsed.TotalSeconds;
    }

    private static string Rate(double opsPerSecond) => $"{opsPerSecond / 1e6:0.00} M ops/s";
}
