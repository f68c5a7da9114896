using System.Collections.Concurrent;
using System.Diagnostics;

namespace Orchestrator.Bench.Server;

/// <summary>Start rate and start-to-completion latency with a number of concurrent clients.</summary>
internal static class Measure
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);

    /// <summary><paramref name="runs"/> starts issued by <paramref name="clients"/> concurrent clients; returns starts per second.</summary>
    public static async Task<double> StartsPerSecondAsync(IStarter starter, int clients, int runs, CancellationToken cancellationToken)
    {
        var remaining = runs;
        var ids = new ConcurrentBag<string>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                ids.Add(await starter.StartAsync(cancellationToken));
            }
        }));
        watch.Stop();
        await DrainAsync(starter, ids, cancellationToken);
        return runs / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Each client starts a run and polls it to completion, <paramref name="runs"/> in all; returns the latencies in ms.</summary>
    public static async Task<double[]> LatenciesAsync(IStarter starter, int clients, int runs, CancellationToken cancellationToken)
    {
        var remaining = runs;
        var latencies = new ConcurrentBag<double>();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var watch = Stopwatch.StartNew();
                var id = await starter.StartAsync(cancellationToken);
                while (!await starter.IsFinishedAsync(id, cancellationToken))
                {
                    await Task.Delay(PollInterval, cancellationToken);
                }

                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        }));
        return [.. latencies.Order()];
    }

    public static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Waits for the started runs so the next measurement starts with an idle engine.</summary>
    private static async Task DrainAsync(IStarter starter, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            while (!await starter.IsFinishedAsync(id, cancellationToken))
            {
                await Task.Delay(10, cancellationToken);
            }
        }
    }
}
