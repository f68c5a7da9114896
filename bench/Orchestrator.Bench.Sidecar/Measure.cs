using System.Diagnostics;

namespace Orchestrator.Bench.Sidecar;

internal static class Measure
{
    public const int LatencySamples = 50;

    /// <summary>Runs in total: a 20-run warm-up, the 200- and 1,000-run batches, and the latency samples.</summary>
    public const int TotalRuns = 20 + 200 + 1000 + LatencySamples;

    public static Task<Result> RunAsync(ITarget target, CancellationToken cancellationToken) => RunAsync(target, storageProcessId: null, cancellationToken);

    /// <param name="target">What is measured.</param>
    /// <param name="storageProcessId">A storage process to charge CPU to as well (Azurite), if any.</param>
    /// <param name="cancellationToken">Cancels the measurement.</param>
    public static async Task<Result> RunAsync(ITarget target, int? storageProcessId, CancellationToken cancellationToken)
    {
        await target.RunBatchAsync(20, cancellationToken);
        var rate200 = await ThroughputAsync(target, 200, cancellationToken);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var storageBefore = StorageCpu(storageProcessId);
        var rate1000 = await ThroughputAsync(target, 1000, cancellationToken);
        var cpuPerRun = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / 1000;
        var storageCpuPerRun = (StorageCpu(storageProcessId) - storageBefore).TotalMilliseconds / 1000;
        var samples = new List<double>(LatencySamples);
        for (var i = 0; i < LatencySamples; i++)
        {
            var watch = Stopwatch.StartNew();
            await target.RunOneAsync(cancellationToken);
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        await Console.Error.WriteLineAsync(FormattableString.Invariant($"measured {target.Name}: {rate200:0.0} / {rate1000:0.0} runs/s at 200 / 1000, {cpuPerRun:0.00} cpu ms/run, storage {storageCpuPerRun:0.00} cpu ms/run"));
        return new Result(target.Name, TotalRuns, rate200, rate1000, Result.Percentile(samples, 0.50), Result.Percentile(samples, 0.99))
        {
            CpuMsPerRun = cpuPerRun,
            StorageCpuMsPerRun = storageProcessId is null ? null : storageCpuPerRun,
            CompletionWait = target.CompletionWait,
        };
    }

    /// <summary>The CPU time a storage process has used so far (zero without one).</summary>
    public static TimeSpan StorageCpu(int? processId)
    {
        if (processId is not { } id)
        {
            return TimeSpan.Zero;
        }

        using var process = Process.GetProcessById(id);
        return process.TotalProcessorTime;
    }

    private static async Task<double> ThroughputAsync(ITarget target, int count, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await target.RunBatchAsync(count, cancellationToken);
        return count / watch.Elapsed.TotalSeconds;
    }
}
