namespace Orchestrator.Bench.Sidecar;

/// <summary>One target's figures: throughput of a 200-run and a 1,000-run batch, one-run latency, and (sqlite) database size.</summary>
internal sealed record Result(string Target, int Runs, double RunsPerSecond200, double RunsPerSecond1000, double P50Ms, double P99Ms)
{
    /// <summary>CPU time of this process per run in the 1,000-run batch (steadier than runs/s on a loaded machine; Azurite's own CPU is not in it).</summary>
    public double CpuMsPerRun { get; init; }

    /// <summary>How the client learned that runs completed (see <see cref="ITarget.CompletionWait"/>).</summary>
    public string? CompletionWait { get; init; }

    /// <summary>CPU time of the storage process (Azurite) per run in the 1,000-run batch, for targets that have one.</summary>
    public double? StorageCpuMsPerRun { get; init; }

    /// <summary>Database bytes in use per completed run, for targets on a database file.</summary>
    public double? BytesPerRun { get; init; }

    /// <summary>Database bytes still in use after purging every run.</summary>
    public long? BytesAfterPurge { get; init; }

    public static double Percentile(IReadOnlyList<double> sortedMs, double p) =>
        sortedMs[Math.Clamp((int)Math.Ceiling(p * sortedMs.Count) - 1, 0, sortedMs.Count - 1)];
}
