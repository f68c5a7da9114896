using System.Diagnostics;

namespace Orchestrator.Bench.Sidecar;

internal static class Measure
{
    public const int LatencySamples = 50;

    /// <summary>Runs in total: a 20-run warm-up, the 200- and 1,000-run batches, and the latency samples.</summary>
    public const int TotalRuns = 20 + 200 + 1000 + LatencySamples;

    public static async Task<Result> RunAsync(ITarget target, CancellationToken cancellationToken)
    {
        await target.RunBatchAsync(20, cancellationToken);
        var rate200 = await ThroughputAsync(target, 200, cancellationToken);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var rate1000 = await ThroughputAsync(target, 1000, cancellationToken);
        var cpuPerRun = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / 1000;
        var samples = new List<double>(LatencySamples);
        for (var i = 0; i < LatencySamples; i++)
        {
            var watch = Stopwatch.StartNew();
            await target.RunOneAsync(cancellationToken);
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        await Console.Error.WriteLineAsync($"measured {target.Name}");
        return new Result(target.Name, TotalRuns, rate200, rate1000, Result.Percentile(samples, 0.50), Result.Percentile(samples, 0.99)) { CpuMsPerRun = cpuPerRun, CompletionWait = target.CompletionWait };
    }

    private static async Task<double> ThroughputAsync(ITarget target, int count, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await target.RunBatchAsync(count, cancellationToken);
        return count / watch.Elapsed.TotalSeconds;
    }
}
