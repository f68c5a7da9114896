using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Cli.Hosting;
using Orchestrator.Engine;
using Orchestrator.Engine.Runs;
using Orchestrator.Plugins.DependencyInjection;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Bench.Engine;

/// <summary>
/// An embedded sidecar (the way the product embeds it) with the engine's worker and client over it, the bench plugins
/// (<c>bench-noop</c>: 3 no-op phases, <c>bench-noop5</c>: 5) and the hand-written baseline registered.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly EmbeddedSidecar _sidecar;
    private readonly IHost _host;

    private BenchHost(EmbeddedSidecar sidecar, IHost host)
    {
        _sidecar = sidecar;
        _host = host;
    }

    public RunService Runs => _host.Services.GetRequiredService<RunService>();

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Writes the bench plugins' manifests under <paramref name="root"/>/plugins.</summary>
    public static async Task WritePluginsAsync(string root, CancellationToken cancellationToken)
    {
        foreach (var (name, phases) in Manifests)
        {
            Directory.CreateDirectory(Path.Combine(root, "plugins", name));
            var list = string.Join('\n', phases.Select((p, i) => $"  - {{name: {p}, order: {i + 1}}}"));
            await File.WriteAllTextAsync(
                Path.Combine(root, "plugins", name, "plugin.yaml"),
                $"name: {name}\nversion: 1.0.0\ntype: builtin\ndomains: [bench]\nphases:\n{list}\n",
                cancellationToken);
        }
    }

    public static Task<BenchHost> StartAsync(string root, SidecarOptions sidecarOptions, CancellationToken cancellationToken) =>
        StartAsync(root, sidecarOptions, null, cancellationToken);

    /// <param name="root">The directory of the plugins and the data.</param>
    /// <param name="sidecarOptions">The embedded sidecar's backend.</param>
    /// <param name="services">More services for the host (the telemetry figures' listeners).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<BenchHost> StartAsync(string root, SidecarOptions sidecarOptions, Action<IServiceCollection>? services, CancellationToken cancellationToken)
    {
        var sidecar = await EmbeddedSidecar.StartAsync(sidecarOptions, cancellationToken: cancellationToken);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddOrchestratorPlugins(o =>
        {
            o.Discovery = DiscoveryOptions.FromProcess([Path.Combine(root, "plugins")]) with { CurrentDirectory = root, HomeDirectory = root };
            o.BuiltIns = Plugins.ToDictionary(p => p.Name, p => (Func<IPhaseProvider>)(() => new NoOpProvider(p.Phases)))
                .Concat(HistoryBytes.PhaseCounts.Select(n => KeyValuePair.Create(
                    HistoryBytes.Plugin(n), (Func<IPhaseProvider>)(() => new SizedProvider(HistoryBytes.Phases(n), HistoryBytes.OutputBytes)))))
                .ToDictionary();
            o.WatchForChanges = false;
        });
        builder.Services.AddOrchestratorEngine(o =>
        {
            o.DataDirectory = Path.Combine(root, "data");
            o.CurrentDirectory = root;
            o.EnableRetention = false;

            // As run, serve and worker set them for their embedded sidecar: what a start records in the workspace depends on the backend.
            o.Backend = sidecarOptions.Backend;
            o.Redelivery = sidecarOptions.RedeliveryTime;
        }).UseSidecar(sidecar.InProcess);
        builder.Services.Configure<DurableTaskRegistry>(Options.DefaultName, r =>
        {
            r.AddOrchestrator<Baseline>(Baseline.Orchestration);
            r.AddActivity<NoOpActivity>(Baseline.Activity);
        });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new BenchHost(sidecar, host);
    }

    public Func<Task<string>> PluginRun(string plugin, CancellationToken cancellationToken) =>
        () => Runs.StartAsync(new RunRequest { Target = plugin }, cancellationToken);

    public Func<Task<string>> BaselineRun(CancellationToken cancellationToken) =>
        () => Client.ScheduleNewOrchestrationInstanceAsync(Baseline.Orchestration, 0, cancellationToken);

    /// <summary>Runs <paramref name="total"/> runs, <paramref name="inFlight"/> at a time, each to completion; runs per second.</summary>
    public async Task<double> RunsPerSecondAsync(Func<Task<string>> start, int inFlight, int total, CancellationToken cancellationToken) =>
        (await MeasureAsync(start, inFlight, total, cancellationToken)).RunsPerSecond;

    /// <summary>
    /// Runs per second, and this process's CPU time per run (sidecar, worker and client all live here), which says more
    /// than the rate on a machine that other work loads.
    /// </summary>
    public async Task<(double RunsPerSecond, double CpuMsPerRun)> MeasureAsync(Func<Task<string>> start, int inFlight, int total, CancellationToken cancellationToken)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var next = 0;
        async Task Lane()
        {
            while (Interlocked.Increment(ref next) <= total)
            {
                var id = await start();
                var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, cancellationToken);
                if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                {
                    throw new InvalidOperationException($"{id} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Lane()));
        var elapsed = stopwatch.Elapsed;
        return (total / elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / total);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        await _sidecar.DisposeAsync();
    }

    private static readonly (string Name, string[] Phases)[] Plugins =
    [
        ("bench-noop", ["one", "two", "three"]),
        ("bench-noop5", ["one", "two", "three", "four", "five"]),
    ];

    // The plugins of the history-bytes figures (HistoryBytes): 10, 50 and 200 phases, each with a 10 KB output.
    private static readonly (string Name, string[] Phases)[] Manifests =
        [.. Plugins, .. HistoryBytes.PhaseCounts.Select(n => (HistoryBytes.Plugin(n), HistoryBytes.Phases(n)))];
}
