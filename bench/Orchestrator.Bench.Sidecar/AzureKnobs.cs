using System.Diagnostics;
using System.Globalization;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Testing;

namespace Orchestrator.Bench.Sidecar;

/// <summary>
/// `-- azure-knobs`: the sidecar on Azurite with one setting changed at a time (partitions, queue polling, concurrency),
/// each on a task hub of its own, against DTFx driven directly with the default settings on the same Azurite: a
/// 20-run warm-up, then 200 runs at once. DTFx direct and the sidecar's defaults are each measured first and last, so
/// that drift (the first of each runs its code cold) shows; the ratio is to the better of the two DTFx rows.
/// </summary>
internal static class AzureKnobs
{
    private const int Runs = 200;

    public static async Task PrintAsync(CancellationToken cancellationToken)
    {
        using var azuriteData = new TempDirectory("orch-bench-azurite-knobs-");
        await using var azurite = await AzuriteProcess.StartAsync(RepoPaths.AzuriteExecutable, azuriteData.Path, TimeSpan.FromSeconds(60));
        SidecarOptions Options(string hub, Action<SidecarOptions>? change = null)
        {
            var options = new SidecarOptions
            {
                Backend = SidecarBackends.AzureStorage,
                ConnectionString = azurite.ConnectionString,
                TaskHub = hub,
                PollingInterval = TimeSpan.FromMilliseconds(100),
            };
            change?.Invoke(options);
            return options;
        }

        var batchPolling = TimeSpan.FromMilliseconds(500);
        var rows = new List<(string Name, double RunsPerSecond, double CpuMs, double AzuriteCpuMs)>();
        await using (var floor = await AzureFloorTarget.StartAsync(Options("knobsfloor"), batchPolling))
        {
            rows.Add(await MeasureAsync("DTFx direct, defaults", floor, azurite.ProcessId, cancellationToken));
        }

        (string Name, Action<SidecarOptions>? Change)[] variants =
        [
            ("sidecar, defaults (4 partitions, polling 100 ms, concurrency 1000)", null),
            ("sidecar, 1 partition", o => o.Partitions = 1),
            ("sidecar, 8 partitions", o => o.Partitions = 8),
            ("sidecar, polling 1 s (the product's default)", o => o.PollingInterval = TimeSpan.FromSeconds(1)),
            ("sidecar, polling 20 ms", o => o.PollingInterval = TimeSpan.FromMilliseconds(20)),
            ("sidecar, concurrency 100", o => o.Concurrency = 100),
            ("sidecar, defaults again", null),
        ];
        foreach (var (variant, index) in variants.Select((v, i) => (v, i)))
        {
            await using var target = await SidecarTarget.StartAsync(variant.Name, Options($"knobs{index}", variant.Change), batchPolling, cancellationToken);
            rows.Add(await MeasureAsync(variant.Name, target, azurite.ProcessId, cancellationToken));
        }

        await using (var floor = await AzureFloorTarget.StartAsync(Options("knobsfloorlast"), batchPolling))
        {
            rows.Add(await MeasureAsync("DTFx direct, defaults again", floor, azurite.ProcessId, cancellationToken));
        }

        Console.WriteLine();
        Console.WriteLine($"Azure Storage settings one at a time, on Azurite, {Environment.ProcessorCount} cores: {Runs} runs of 3 no-op activities started at once after a 20-run warm-up, each setting on a task hub of its own");
        Console.WriteLine($"{"target",-70} {"runs/s",8} {"vs DTFx",8} {"cpu ms/run",11} {"Azurite cpu ms/run",19}");
        var baseline = Math.Max(rows[0].RunsPerSecond, rows[^1].RunsPerSecond);
        foreach (var (name, rate, cpu, azuriteCpu) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-70} {rate,8:0.0} {rate / baseline,8:0.00} {cpu,11:0.0} {azuriteCpu,19:0.0}"));
        }
    }

    private static async Task<(string, double, double, double)> MeasureAsync(string name, ITarget target, int azuriteProcessId, CancellationToken cancellationToken)
    {
        await target.RunBatchAsync(20, cancellationToken);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var azuriteCpu = Measure.StorageCpu(azuriteProcessId);
        var watch = Stopwatch.StartNew();
        await target.RunBatchAsync(Runs, cancellationToken);
        var rate = Runs / watch.Elapsed.TotalSeconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Runs;
        var azuriteMs = (Measure.StorageCpu(azuriteProcessId) - azuriteCpu).TotalMilliseconds / Runs;
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"measured {name}: {rate:0.0} runs/s, {cpuMs:0.0} cpu ms/run, Azurite {azuriteMs:0.0} cpu ms/run"));
        return (name, rate, cpuMs, azuriteMs);
    }
}
