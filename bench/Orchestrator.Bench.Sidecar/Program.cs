using Orchestrator.Bench.Sidecar;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Testing;

// 200 and 1,000 runs of a 3-activity no-op orchestration and one-run latency, through the sidecar on each backend,
// and on DTFx directly (no gRPC): over the in-memory service as the floor, and over the SQLite provider alone.
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(15));
var token = cancellation.Token;
var results = new List<Result>();
using var data = new TempDirectory("orch-bench-sqlite-");

// Arguments, when given, pick targets by part of their name (e.g. "sqlite"); the floor always runs as the baseline.
bool Selected(string target) => args.Length == 0 || args.Any(a => target.Contains(a, StringComparison.OrdinalIgnoreCase));

await using (var floor = await FloorTarget.StartAsync())
{
    results.Add(await Measure.RunAsync(floor, token));
}

var providerDatabase = data.Combine("provider.db");
if (Selected("DTFx direct, sqlite provider"))
{
    await using var provider = await FloorTarget.StartSqliteAsync(providerDatabase);
    results.Add(await Measure.RunAsync(provider, token) with { BytesPerRun = DatabaseSize.UsedBytes(providerDatabase) / (double)Measure.TotalRuns });
}

if (Selected("sidecar memory"))
{
    await using var memory = await SidecarTarget.StartAsync("sidecar memory", new SidecarOptions(), TimeSpan.FromMilliseconds(20), notifiedRunWait: true, token);
    results.Add(await Measure.RunAsync(memory, token));
}

// The unary gRPC calls of a run with no work behind them: the most any sidecar on this protocol can do (docs/sidecar.md#performance).
if (Selected("memory gRPC bound, 9 calls/run"))
{
    await using var bound = await GrpcBoundTarget.StartAsync(token);
    results.Add(await Measure.RunAsync(bound, token));
}

// Only when asked for: the memory sidecar with the one-run wait this bench used before (docs/sidecar.md#performance).
if (args.Contains("polled", StringComparer.OrdinalIgnoreCase))
{
    await using var polled = await SidecarTarget.StartAsync("sidecar memory, polled wait", new SidecarOptions(), TimeSpan.FromMilliseconds(20), token);
    results.Add(await Measure.RunAsync(polled, token));
}

var sidecarDatabase = data.Combine("sidecar.db");
if (Selected("sidecar sqlite"))
{
    await using var sqlite = await SidecarTarget.StartAsync(
        "sidecar sqlite", new SidecarOptions { Backend = SidecarBackends.Sqlite, DatabasePath = sidecarDatabase }, TimeSpan.FromMilliseconds(20), token);
    var result = await Measure.RunAsync(sqlite, token);
    var bytesPerRun = DatabaseSize.UsedBytes(sidecarDatabase) / (double)Measure.TotalRuns;
    await sqlite.PurgeAllAsync(token);
    results.Add(result with { BytesPerRun = bytesPerRun, BytesAfterPurge = DatabaseSize.UsedBytes(sidecarDatabase) });
}

if (Selected("sidecar azure-storage (Azurite)"))
{
    using var azuriteData = new TempDirectory("orch-bench-azurite-");
    await using var azurite = await AzuriteProcess.StartAsync(RepoPaths.AzuriteExecutable, azuriteData.Path, TimeSpan.FromSeconds(60));
    await using var azure = await SidecarTarget.StartAsync(
        "sidecar azure-storage (Azurite)",
        new SidecarOptions
        {
            Backend = SidecarBackends.AzureStorage,
            ConnectionString = azurite.ConnectionString,
            TaskHub = "bench",
            PollingInterval = TimeSpan.FromMilliseconds(100),
        },
        TimeSpan.FromMilliseconds(500),
        token);
    results.Add(await Measure.RunAsync(azure, token));
}

Report.Print(results);
