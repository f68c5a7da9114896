using System.Globalization;
using Orchestrator.Bench.Sidecar;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Testing;

// 200 and 1,000 runs of a 3-activity no-op orchestration and one-run latency, through the sidecar on each backend,
// and on DTFx directly (no gRPC) as the floor.
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
var token = cancellation.Token;
var results = new List<Result>();

await using (var floor = await FloorTarget.StartAsync())
{
    results.Add(await Measure.RunAsync(floor, token));
}

await using (var memory = await SidecarTarget.StartAsync("sidecar memory", new SidecarOptions(), TimeSpan.FromMilliseconds(20), token))
{
    results.Add(await Measure.RunAsync(memory, token));
}

using (var azuriteData = new TempDirectory("orch-bench-azurite-"))
await using (var azurite = await AzuriteProcess.StartAsync(RepoPaths.AzuriteExecutable, azuriteData.Path, TimeSpan.FromSeconds(60)))
await using (var azure = await SidecarTarget.StartAsync(
    "sidecar azure-storage (Azurite)",
    new SidecarOptions
    {
        Backend = SidecarBackends.AzureStorage,
        ConnectionString = azurite.ConnectionString,
        TaskHub = "bench",
        PollingInterval = TimeSpan.FromMilliseconds(100),
    },
    TimeSpan.FromMilliseconds(500),
    token))
{
    results.Add(await Measure.RunAsync(azure, token));
}

var floorResult = results[0];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"3-activity no-op orchestration, {Environment.ProcessorCount} cores; latency over {Measure.LatencySamples} sequential runs"));
Console.WriteLine($"{"target",-34} {"200 runs/s",11} {"1000 runs/s",12} {"p50 ms",8} {"p99 ms",8} {"floor is x faster (1000 / p50)",32}");
foreach (var r in results)
{
    var ratio = r == floorResult
        ? "baseline"
        : string.Create(CultureInfo.InvariantCulture, $"{floorResult.RunsPerSecond1000 / r.RunsPerSecond1000:0.0}x / {r.P50Ms / floorResult.P50Ms:0.0}x");
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{r.Target,-34} {r.RunsPerSecond200,11:0.0} {r.RunsPerSecond1000,12:0.0} {r.P50Ms,8:0.00} {r.P99Ms,8:0.00} {ratio,32}"));
}
