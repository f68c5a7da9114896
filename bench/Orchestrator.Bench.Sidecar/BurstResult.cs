namespace Orchestrator.Bench.Sidecar;

/// <summary>
/// A burst of runs started at once, each watched by its own caller: how many completed before the deadline, runs/s
/// over the whole burst, and the times from the start to the first, median and last completion.
/// </summary>
internal sealed record BurstResult(string Target, int Runs, int Completed, double RunsPerSecond, double FirstSeconds, double MedianSeconds, double LastSeconds)
{
    /// <summary>The storage process's (Azurite's) CPU time over the burst's wall time: 1.0 is one core busy throughout.</summary>
    public double StorageCpuShare { get; init; }

    /// <summary>This process's (client, worker and sidecar) CPU time over the burst's wall time.</summary>
    public double OwnCpuShare { get; init; }
}
