namespace Orchestrator.Bench.Sidecar;

/// <summary>One target's figures: throughput of a 200-run and a 1,000-run batch, and one-run latency.</summary>
internal sealed record Result(string Target, double RunsPerSecond200, double RunsPerSecond1000, double P50Ms, double P99Ms)
{
    public static double Percentile(IReadOnlyList<double> sortedMs, double p) =>
        sortedMs[Math.Clamp((int)Math.Ceiling(p * sortedMs.Count) - 1, 0, sortedMs.Count - 1)];
}
