using System.Globalization;

namespace Orchestrator.Bench.Sidecar;

/// <summary>The azure-storage rows against their own floor (DTFx direct on the same Azurite), and the bursts.</summary>
internal static class AzureReport
{
    public const string SidecarName = "sidecar azure-storage (Azurite)";

    /// <summary>The goal of issue 15 item 6: the sidecar at 0.8x of DTFx direct on the same Azurite, or better.</summary>
    public const double Goal = 0.8;

    public static void Print(IReadOnlyList<Result> results, IReadOnlyList<BurstResult> bursts, TimeSpan pollEvery)
    {
        var floor = results.SingleOrDefault(r => r.Target == AzureFloorTarget.TargetName);
        var sidecar = results.SingleOrDefault(r => r.Target == SidecarName);
        if (floor is not null && sidecar is not null)
        {
            Console.WriteLine(Invariant($"sidecar azure-storage / DTFx direct on the same Azurite (goal >= {Goal}x):"));
            Console.WriteLine(Invariant($"  200 runs {sidecar.RunsPerSecond200 / floor.RunsPerSecond200:0.00}x   1000 runs {sidecar.RunsPerSecond1000 / floor.RunsPerSecond1000:0.00}x ({(sidecar.RunsPerSecond1000 / floor.RunsPerSecond1000 >= Goal ? "met" : "NOT met")})   p50 {sidecar.P50Ms / floor.P50Ms:0.00}x as long"));
            Console.WriteLine(Invariant($"  Azurite cpu ms per run (1000-run batch): DTFx direct {floor.StorageCpuMsPerRun:0.00}, sidecar {sidecar.StorageCpuMsPerRun:0.00}"));
        }

        if (bursts.Count == 0)
        {
            return;
        }

        Console.WriteLine(Invariant($"burst: {Burst.Runs} runs started at once, each polled by its own caller every {pollEvery.TotalMilliseconds:0} ms"));
        Console.WriteLine($"{"target",-38} {"completed",10} {"runs/s",8} {"first s",8} {"median s",9} {"last s",8} {"Azurite cpu",12} {"bench cpu",10}");
        foreach (var b in bursts)
        {
            Console.WriteLine(Invariant($"{b.Target,-38} {b.Completed,6}/{b.Runs,-3} {b.RunsPerSecond,8:0.0} {b.FirstSeconds,8:0.0} {b.MedianSeconds,9:0.0} {b.LastSeconds,8:0.0} {b.StorageCpuShare,12:P0} {b.OwnCpuShare,10:P0}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
