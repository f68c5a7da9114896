using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Cli.Hosting;
using Orchestrator.Engine.Runs;
using Orchestrator.Plugins.DependencyInjection;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Execution;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Engine.Tests.Infrastructure;

/// <summary>
/// A real engine: an embedded sidecar (in-memory unless told otherwise), the real plugin catalog and executor over a temp plugin
/// directory, the durable worker and client. Everything is stopped and deleted on dispose.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly EmbeddedSidecar _sidecar;
    private readonly Func<IHost> _build;
    private IHost _host;

    private EngineHarness(TempDirectory root, EmbeddedSidecar sidecar, Func<IHost> build, IHost host)
    {
        Root = root;
        _sidecar = sidecar;
        _build = build;
        _host = host;
    }

    public TempDirectory Root { get; }

    public string PluginsDirectory => Root.Combine("plugins");

    public string DataDirectory => Root.Combine("data");

    public IServiceProvider Services => _host.Services;

    public RunService Runs => _host.Services.GetRequiredService<RunService>();

    public static async Task<EngineHarness> StartAsync(
        TempDirectory root,
        IReadOnlyDictionary<string, Func<IPhaseProvider>>? builtIns = null,
        TimeProvider? time = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<EngineOptions>? configure = null,
        SidecarOptions? sidecarOptions = null,
        Action<PluginOptions>? plugins = null,
        Action<IServiceCollection>? services = null)
    {
        Directory.CreateDirectory(root.Combine("plugins"));
        Directory.CreateDirectory(root.Combine("workflows"));
        var sidecar = await EmbeddedSidecar.StartAsync(sidecarOptions, cancellationToken: TestContext.Current.CancellationToken);
        IHost Build() => BuildHost(root, sidecar, builtIns, time, environment, configure, plugins, services);
        IHost host;
        try
        {
            host = await StartHostAsync(Build);
        }
        catch
        {
            await sidecar.DisposeAsync();
            throw;
        }

        return new EngineHarness(root, sidecar, Build, host);
    }

    private static IHost BuildHost(
        TempDirectory root,
        EmbeddedSidecar sidecar,
        IReadOnlyDictionary<string, Func<IPhaseProvider>>? builtIns,
        TimeProvider? time,
        IReadOnlyDictionary<string, string>? environment,
        Action<EngineOptions>? configure,
        Action<PluginOptions>? plugins,
        Action<IServiceCollection>? services)
    {
        var env = (environment ?? new Dictionary<string, string>()).ToImmutableDictionary(StringComparer.Ordinal);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TestOutputLoggerProvider(TestContext.Current.TestOutputHelper));
        builder.Services.AddOrchestratorPlugins(o =>
        {
            o.Discovery = new DiscoveryOptions
            {
                ExplicitPaths = [root.Combine("plugins")],
                Environment = ImmutableDictionary<string, string>.Empty.Add("XDG_DATA_DIRS", root.Combine("none")),
                HomeDirectory = root.Path,
                CurrentDirectory = root.Path,
                BinaryDirectory = root.Combine("bin"),
            };
            o.BuiltIns = builtIns ?? ImmutableDictionary<string, Func<IPhaseProvider>>.Empty;
            o.WatchForChanges = false;
            o.HostEnvironment = env.SetItem("PATH", Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
            plugins?.Invoke(o);
        });
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddOrchestratorEngine(o =>
        {
            o.DataDirectory = root.Combine("data");
            o.Environment = env.SetItem("HOME", root.Path);
            o.CurrentDirectory = root.Path;
            o.TimeoutMargin = TimeSpan.FromSeconds(5);
            o.EnableRetention = false;
            configure?.Invoke(o);
        }).UseSidecar(sidecar.InProcess);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    private static async Task<IHost> StartHostAsync(Func<IHost> build)
    {
        var host = build();
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Stops the engine's host (its worker and client) and leaves the sidecar running, as `run` stops them in turn.</summary>
    public async Task StopEngineAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _host.StopAsync(stop.Token);
    }

    /// <summary>Stops the engine's host and starts a new one, configured alike, on the same sidecar: a worker that continues the runs.</summary>
    public async Task RestartEngineAsync()
    {
        await StopEngineAsync();
        _host.Dispose();
        _host = await StartHostAsync(_build);
    }

    /// <summary>Waits for the run to finish; fails the test after the deadline.</summary>
    public async Task<RunRecord> WaitAsync(string runId, TimeSpan? deadline = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(deadline ?? TimeSpan.FromSeconds(60));
        try
        {
            return await Runs.WaitForCompletionAsync(runId, null, TimeSpan.FromMilliseconds(50), timeout.Token);
        }
        catch (OperationCanceledException)
        {
            var run = await Runs.GetAsync(runId, CancellationToken.None);
            throw new TimeoutException($"run {runId} did not finish in time; status {run?.Status}, progress: {run?.Progress?.Summary}");
        }
    }

    /// <summary>Waits until the run's progress satisfies <paramref name="condition"/>.</summary>
    public async Task<RunRecord> WaitForAsync(string runId, Func<RunRecord, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var run = await Runs.GetAsync(runId, TestContext.Current.CancellationToken);
            if (run is not null && condition(run))
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: run {runId} is {run?.Status}, progress {run?.Progress?.Summary}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _host.StopAsync(stop.Token);
        }
        finally
        {
            _host.Dispose();
            await _sidecar.DisposeAsync();
        }
    }
}
