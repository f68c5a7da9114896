using System.Diagnostics;

namespace Orchestrator.Bench.Sidecar;

internal static class Measure
{
    public const int LatencySamples = 50;

    public static async Task<Result> RunAsync(ITarget target, CancellationToken cancellationToken)
    {
        await target.RunBatchAsync(20, cancellationToken);
        var rate200 = await ThroughputAsync(target, 200, cancellationToken);
        var rate1000 = await ThroughputAsync(target, 1000, cancellationToken);
        var samples = new List<double>(LatencySamples);
        for (var i = 0; i < LatencySamples; i++)
        {
            var watch = Stopwatch.StartNew();
            await target.RunOneAsync(cancellationToken);
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        return new Result(target.Name, rate200, rate1000, Result.Percentile(samples, 0.50), Result.Percentile(samples, 0.99));
    }

    private static async Task<double> ThroughputAsync(ITarget target, int count, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await target.RunBatchAsync(count, cancellationToken);
        return count / watch.Elapsed.TotalSeconds;
    }
}
