using System.Globalization;
using Orchestrator.Bench.Engine;
using Orchestrator.Sidecar.Configuration;

// 1. A plugin run of 3 built-in no-op phases vs a hand-written orchestrator calling 3 no-op activities: same
//    embedded sidecar, same worker, same process, at 16, 64 and 256 runs in flight, on memory and on sqlite
//    (EngineShare: a new host per measurement, best of 3 rounds taken in turn).
// 2. A plugin run of 5 no-op phases on the memory and on the sqlite backend (the default of `run`, `worker` and
//    `serve`), same worker, 64 in flight; the goal for sqlite is at least 150 runs/s (docs/benchmarks.md).
// 3. The history bytes one run writes on the sqlite backend for 10, 50 and 200 phases with 10 KB outputs: the bytes per
//    phase should stay flat (docs/running-workflows.md#large-outputs-and-limits).
// 4. What traces and metrics cost: the run of 1 with no listener, with the metrics, with traces and metrics
//    (docs/observability.md#cost).
//    `./build.sh bench Engine` runs all four; `dotnet run --project bench/Orchestrator.Bench.Engine -c Release -- history`
//    only the third, `-- telemetry` only the fourth, `-- share` only the first; `-- profile [baseline] [sqlite] [allocs] [warm=W] [runs=N] [inflight=F]`
//    runs W (0) runs to warm up and then N (6,000) plugin (or hand-written) runs, F (64) in flight, on memory (or sqlite), to
//    attach a profiler to (`allocs` also prints the types most allocated per run); `-- profile dump` prints one run's
//    input, output and status.
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(15));
var token = cancellation.Token;
var root = Directory.CreateTempSubdirectory("orch-bench-engine-").FullName;
try
{
    await BenchHost.WritePluginsAsync(root, token);
    if (args.Contains("history"))
    {
        var historyDatabase = Path.Combine(root, "history.db");
        await using var history = await BenchHost.StartAsync(root, new SidecarOptions { Backend = SidecarBackends.Sqlite, DatabasePath = historyDatabase }, token);
        await HistoryBytes.PrintAsync(history, historyDatabase, token);
        return;
    }

    if (args.Contains("telemetry"))
    {
        await TelemetryCost.PrintAsync(root, token);
        return;
    }

    if (args.Contains("profile"))
    {
        // Plugin runs (or with `baseline`, hand-written ones) for a while on the memory (or `sqlite`) sidecar, to attach a profiler to.
        var profiledSidecar = args.Contains("sqlite")
            ? new SidecarOptions { Backend = SidecarBackends.Sqlite, DatabasePath = Path.Combine(root, "profile.db") }
            : new SidecarOptions { Backend = SidecarBackends.Memory };
        await using var profiled = await BenchHost.StartAsync(root, profiledSidecar, token);
        var run = args.Contains("baseline") ? profiled.BaselineRun(token) : profiled.PluginRun("bench-noop", token);
        Console.WriteLine($"pid {Environment.ProcessId}");
        if (args.Contains("dump"))
        {
            // The messages of one run as the backend keeps them, to see what the engine's runs carry.
            var one = await run();
            await profiled.Client.WaitForInstanceCompletionAsync(one, getInputsAndOutputs: false, token);
            var stored = await profiled.Client.GetInstanceAsync(one, getInputsAndOutputs: true, token);
            Console.WriteLine($"input  {stored!.SerializedInput}\noutput {stored.SerializedOutput}\nstatus {stored.SerializedCustomStatus}");
            return;
        }

        int Count(string name, int otherwise) => args.Select(a => a.Split('=')).Where(a => a.Length == 2 && a[0] == name)
            .Select(a => int.Parse(a[1], CultureInfo.InvariantCulture)).FirstOrDefault(otherwise);
        var runs = Count("runs", 6000);
        var inFlight = Count("inflight", 64);

        // Measured cold, the figures hold the JIT's tiering: the plugin run's larger code reaches its optimized form
        // only after tens of thousands of runs on 2 busy cores.
        if (Count("warm", 0) is > 0 and var warmRuns)
        {
            await profiled.MeasureAsync(run, inFlight, warmRuns, token);
            Console.WriteLine($"warmed up with {warmRuns} runs");
        }

        using var types = args.Contains("allocs") ? new AllocationTypes() : null;
        var (allocated, collections, paused) = (GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.GetTotalPauseDuration());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (rate, cpu) = await profiled.MeasureAsync(run, inFlight, runs, token);
        var perRun = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)runs;
        var kept = GC.GetTotalMemory(forceFullCollection: true) / (double)(runs + Count("warm", 0));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rate:0.0} runs/s, {cpu:0.00} cpu ms/run, {perRun / 1024:0.0} KiB allocated per run, {kept / 1024:0.0} KiB kept per run, {GC.CollectionCount(0) - collections} gen0 collections ({GC.CollectionCount(2)} gen2 in all), paused for GC {(GC.GetTotalPauseDuration() - paused) / clock.Elapsed:P0} of the time"));
        types?.Print(runs, 40);
        return;
    }

    await EngineShare.PrintAsync(root, SidecarBackends.Memory, EngineShare.SettledRuns, token);
    await EngineShare.PrintAsync(root, SidecarBackends.Sqlite, EngineShare.SettledRuns / 10, token);
    if (args.Contains("share"))
    {
        return;
    }

    (double RunsPerSecond, double CpuMsPerRun) memoryFive;
    await using (var memory = await BenchHost.StartAsync(root, new SidecarOptions { Backend = SidecarBackends.Memory }, token))
    {
        await memory.RunsPerSecondAsync(memory.PluginRun("bench-noop5", token), 16, 64, token);
        memoryFive = await memory.MeasureAsync(memory.PluginRun("bench-noop5", token), 64, 512, token);
    }

    var database = Path.Combine(root, "bench.db");
    await using (var sqlite = await BenchHost.StartAsync(root, new SidecarOptions { Backend = SidecarBackends.Sqlite, DatabasePath = database }, token))
    {
        await sqlite.RunsPerSecondAsync(sqlite.PluginRun("bench-noop5", token), 16, 64, token);
        var sqliteFive = await sqlite.MeasureAsync(sqlite.PluginRun("bench-noop5", token), 64, 512, token);
        Console.WriteLine();
        Console.WriteLine("5 no-op phases per run, embedded sidecar, 64 runs kept in flight, 512 runs; cpu ms/run: this process (sidecar, worker, client)");
        Console.WriteLine($"{"backend",10} {"plugin run/s",13} {"vs memory",10} {"cpu ms/run",11}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"memory",10} {memoryFive.RunsPerSecond,13:0.0} {1.0,10:0.00} {memoryFive.CpuMsPerRun,11:0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"sqlite",10} {sqliteFive.RunsPerSecond,13:0.0} {sqliteFive.RunsPerSecond / memoryFive.RunsPerSecond,10:0.00} {sqliteFive.CpuMsPerRun,11:0.00}   goal >= 150 runs/s: {(sqliteFive.RunsPerSecond >= 150 ? "met" : "NOT met")}"));
        await HistoryBytes.PrintAsync(sqlite, database, token);
    }

    await TelemetryCost.PrintAsync(root, token);
}
finally
{
    Directory.Delete(root, recursive: true);
}
