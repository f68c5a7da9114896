using System.Globalization;
using Orchestrator.Bench.Sidecar;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Testing;

// 200 and 1,000 runs of a 3-activity no-op orchestration and one-run latency, through the sidecar on each backend,
// and on DTFx directly (no gRPC): over the in-memory service as the floor, and over the SQLite provider alone.
// "azure-knobs" alone measures the sidecar on Azurite with one setting changed at a time (AzureKnobs).
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(30));
var token = cancellation.Token;
var results = new List<Result>();
using var data = new TempDirectory("orch-bench-sqlite-");
if (args.Contains("azure-knobs", StringComparer.OrdinalIgnoreCase))
{
    await AzureKnobs.PrintAsync(token);
    return;
}

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

// As run and serve reach their embedded sidecar: its service called in process, no HTTP/2 (docs/sidecar.md#in-process-calls).
if (Selected("sidecar memory, in-process"))
{
    await using var inProcess = await SidecarTarget.StartAsync("sidecar memory, in-process", new SidecarOptions(), TimeSpan.FromMilliseconds(20), notifiedRunWait: true, inProcess: true, token);
    results.Add(await Measure.RunAsync(inProcess, token));
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

if (Selected("sidecar sqlite, in-process"))
{
    var inProcessDatabase = data.Combine("sidecar-in-process.db");
    await using var sqlite = await SidecarTarget.StartAsync(
        "sidecar sqlite, in-process", new SidecarOptions { Backend = SidecarBackends.Sqlite, DatabasePath = inProcessDatabase }, TimeSpan.FromMilliseconds(20), notifiedRunWait: false, inProcess: true, token);
    results.Add(await Measure.RunAsync(sqlite, token));
}

// "burst" measures only the bursts of the azure-storage rows; "burst-poll-ms=N" changes how often each caller polls.
var burstsOnly = args.Contains("burst", StringComparer.OrdinalIgnoreCase);
var pollEvery = args.Select(a => a.Split('=')).Where(a => a.Length == 2 && a[0] == "burst-poll-ms").Select(a => TimeSpan.FromMilliseconds(int.Parse(a[1], CultureInfo.InvariantCulture))).FirstOrDefault(Burst.DefaultPollEvery);
var bursts = new List<BurstResult>();
if (burstsOnly || Selected(AzureReport.SidecarName) || Selected(AzureFloorTarget.TargetName))
{
    // One Azurite for both rows: DTFx direct on it first (the azure floor), its task hub deleted, then the sidecar on
    // the same settings, so the sidecar/floor ratio is measured on one machine state.
    using var azuriteData = new TempDirectory("orch-bench-azurite-");
    await using var azurite = await AzuriteProcess.StartAsync(RepoPaths.AzuriteExecutable, azuriteData.Path, TimeSpan.FromSeconds(60));
    var azureOptions = new SidecarOptions
    {
        Backend = SidecarBackends.AzureStorage,
        ConnectionString = azurite.ConnectionString,
        TaskHub = "bench",
        PollingInterval = TimeSpan.FromMilliseconds(100),
    };
    var floorOptions = new SidecarOptions();
    floorOptions.CopyFrom(azureOptions);
    floorOptions.TaskHub = "benchfloor";
    var batchPolling = TimeSpan.FromMilliseconds(500);
    var burstDeadline = TimeSpan.FromMinutes(2);
    await using (var azureFloor = await AzureFloorTarget.StartAsync(floorOptions, batchPolling))
    {
        if (!burstsOnly)
        {
            results.Add(await Measure.RunAsync(azureFloor, azurite.ProcessId, token));
        }

        bursts.Add(await Burst.RunAsync(azureFloor.Name, (id, ct) => azureFloor.RunAndPollAsync(id, pollEvery, ct), azurite.ProcessId, burstDeadline, token));
    }

    await using var azure = await SidecarTarget.StartAsync(AzureReport.SidecarName, azureOptions, batchPolling, token);
    if (!burstsOnly)
    {
        results.Add(await Measure.RunAsync(azure, azurite.ProcessId, token));
    }

    bursts.Add(await Burst.RunAsync(azure.Name, (id, ct) => azure.RunAndPollAsync(id, pollEvery, ct), azurite.ProcessId, burstDeadline, token));
}

Report.Print(results);
AzureReport.Print(results, bursts, pollEvery);
