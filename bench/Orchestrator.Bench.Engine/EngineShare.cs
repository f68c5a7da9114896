using System.Globalization;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Bench.Engine;

/// <summary>
/// The engine's share: a plugin run of 3 built-in no-op phases against the hand-written baseline (an orchestrator
/// calling 3 no-op activities) on the same embedded sidecar and worker, at 16, 64 and 256 runs in flight, on the
/// memory and on the sqlite backend. Each measurement gets a new host (and database), so that neither side runs
/// against the instances the other left behind; baseline and plugin take turns for a few rounds, so that a machine
/// whose load changes weighs on both alike, and each keeps its best round. Both sides are first run until the JIT's
/// tiering has settled (<see cref="SettledRuns"/>): measured cold, the figures are the JIT's, not the engine's.
/// </summary>
internal static class EngineShare
{
    private const int Rounds = 3;

    /// <summary>
    /// The runs each side takes, 64 in flight, before it is measured: on 2 cores the plugin run's larger code reaches
    /// its optimized form only after some 50,000 runs, the hand-written one's sooner. The engine's code is the same on
    /// every backend, so a backend measured second in the process warms up for a tenth of it (the warm-up given to
    /// <see cref="PrintAsync"/>), for its own store.
    /// </summary>
    public const int SettledRuns = 60_000;

    private const int WarmUpRound = 2_000;
    private const int MeasuredRuns = 2_048;
    private static readonly int[] InFlight = [16, 64, 256];

    public static async Task PrintAsync(string root, string backend, int warmUp, CancellationToken cancellationToken)
    {
        var databases = 0;
        SidecarOptions Sidecar() => backend == SidecarBackends.Sqlite
            ? new SidecarOptions { Backend = SidecarBackends.Sqlite, DatabasePath = Path.Combine(root, $"share-{++databases}.db") }
            : new SidecarOptions { Backend = SidecarBackends.Memory };

        async Task<(double RunsPerSecond, double CpuMsPerRun)> MeasureAsync(bool plugin, int inFlight)
        {
            await using var host = await BenchHost.StartAsync(root, Sidecar(), cancellationToken);
            var run = plugin ? host.PluginRun("bench-noop", cancellationToken) : host.BaselineRun(cancellationToken);
            await host.RunsPerSecondAsync(run, 16, 64, cancellationToken);
            return await host.MeasureAsync(run, inFlight, Math.Max(MeasuredRuns, inFlight * 8), cancellationToken);
        }

        // Both sides first run long enough for tiered compilation to reach its optimized code, in rounds taken in turn.
        await using (var warm = await BenchHost.StartAsync(root, Sidecar(), cancellationToken))
        {
            for (var i = 0; i < warmUp / WarmUpRound; i++)
            {
                await warm.RunsPerSecondAsync(warm.PluginRun("bench-noop", cancellationToken), 64, WarmUpRound, cancellationToken);
                await warm.RunsPerSecondAsync(warm.BaselineRun(cancellationToken), 64, WarmUpRound, cancellationToken);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"3 no-op phases per run, embedded {backend} sidecar, {Environment.ProcessorCount} cores; each side first ran {warmUp:N0} runs to settle the JIT; runs/s with N runs kept in flight (N x 8 runs, at least {MeasuredRuns:N0}), a new host per measurement, best of {Rounds} rounds taken in turn; cpu ms/run: this process (sidecar, worker, client)"));
        Console.WriteLine($"{"in flight",10} {"plugin run/s",13} {"baseline run/s",15} {"plugin/baseline",16} {"plugin cpu ms",14} {"baseline cpu ms",16}");
        foreach (var inFlight in InFlight)
        {
            (double RunsPerSecond, double CpuMsPerRun) plugin = default, baseline = default;
            for (var round = 0; round < Rounds; round++)
            {
                var b = await MeasureAsync(plugin: false, inFlight);
                baseline = b.RunsPerSecond > baseline.RunsPerSecond ? b : baseline;
                var p = await MeasureAsync(plugin: true, inFlight);
                plugin = p.RunsPerSecond > plugin.RunsPerSecond ? p : plugin;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{inFlight,10} {plugin.RunsPerSecond,13:0.0} {baseline.RunsPerSecond,15:0.0} {plugin.RunsPerSecond / baseline.RunsPerSecond,16:0.00} {plugin.CpuMsPerRun,14:0.00} {baseline.CpuMsPerRun,16:0.00}"));
        }

        Console.WriteLine();
    }
}
