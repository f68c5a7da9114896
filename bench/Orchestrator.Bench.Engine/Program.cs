using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Bench.Engine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Engine;
using Orchestrator.Engine.Runs;
using Orchestrator.Plugins.DependencyInjection;
using Orchestrator.Plugins.Discovery;

// A plugin run of 3 built-in no-op phases vs a hand-written orchestrator calling 3 no-op activities:
// same embedded (memory) sidecar, same worker, same process, at 16, 64 and 256 runs in flight.
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
var token = cancellation.Token;
var root = Directory.CreateTempSubdirectory("orch-bench-engine-").FullName;
try
{
    Directory.CreateDirectory(Path.Combine(root, "plugins", "bench-noop"));
    await File.WriteAllTextAsync(Path.Combine(root, "plugins", "bench-noop", "plugin.yaml"), """
        name: bench-noop
        version: 1.0.0
        type: builtin
        domains: [bench]
        phases:
          - {name: one, order: 1}
          - {name: two, order: 2}
          - {name: three, order: 3}
        """, token);
    await using var sidecar = await EmbeddedSidecar.StartAsync(cancellationToken: token);
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    builder.Logging.ClearProviders();
    builder.Services.AddOrchestratorPlugins(o =>
    {
        o.Discovery = DiscoveryOptions.FromProcess([Path.Combine(root, "plugins")]) with { CurrentDirectory = root, HomeDirectory = root };
        o.BuiltIns = new Dictionary<string, Func<IPhaseProvider>> { ["bench-noop"] = () => new NoOpProvider() };
        o.WatchForChanges = false;
    });
    builder.Services.AddOrchestratorEngine(o =>
    {
        o.DataDirectory = Path.Combine(root, "data");
        o.CurrentDirectory = root;
        o.EnableRetention = false;
    }).UseSidecar(sidecar.Address);
    builder.Services.Configure<DurableTaskRegistry>(Options.DefaultName, r =>
    {
        r.AddOrchestrator<Baseline>(Baseline.Orchestration);
        r.AddActivity<NoOpActivity>(Baseline.Activity);
    });
    using var host = builder.Build();
    await host.StartAsync(token);
    var runs = host.Services.GetRequiredService<RunService>();
    var client = host.Services.GetRequiredService<DurableTaskClient>();

    async Task<string> StartPluginRun() => await runs.StartAsync(new RunRequest { Target = "bench-noop" }, token);
    async Task<string> StartBaseline() => await client.ScheduleNewOrchestrationInstanceAsync(Baseline.Orchestration, 0, token);

    async Task<double> RunsPerSecondAsync(Func<Task<string>> start, int inFlight, int total)
    {
        var stopwatch = Stopwatch.StartNew();
        var next = 0;
        async Task Lane()
        {
            while (Interlocked.Increment(ref next) <= total)
            {
                var id = await start();
                var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, token);
                if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                {
                    throw new InvalidOperationException($"{id} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Lane()));
        return total / stopwatch.Elapsed.TotalSeconds;
    }

    await RunsPerSecondAsync(StartPluginRun, 16, 64);
    await RunsPerSecondAsync(StartBaseline, 16, 64);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"3 no-op phases per run, embedded memory sidecar, {Environment.ProcessorCount} cores; runs/s with N runs kept in flight (N x 4 runs, at least 256)"));
    Console.WriteLine($"{"in flight",10} {"plugin run/s",13} {"baseline run/s",15} {"plugin/baseline",16}");
    foreach (var inFlight in new[] { 16, 64, 256 })
    {
        var total = Math.Max(256, inFlight * 4);
        var baseline = await RunsPerSecondAsync(StartBaseline, inFlight, total);
        var plugin = await RunsPerSecondAsync(StartPluginRun, inFlight, total);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{inFlight,10} {plugin,13:0.0} {baseline,15:0.0} {plugin / baseline,16:0.00}"));
    }

    await host.StopAsync(CancellationToken.None);
}
finally
{
    Directory.Delete(root, recursive: true);
}
