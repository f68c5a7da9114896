using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Engine;
using Orchestrator.Engine.Runs;
using Orchestrator.Plugins.DependencyInjection;

namespace Orchestrator.Cli.Hosting;

/// <summary>A host with the plugin catalog, the engine's client and (optionally) its worker, connected to one sidecar.</summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;

    private EngineHost(IHost host) => _host = host;

    public RunService Runs => _host.Services.GetRequiredService<RunService>();

    public static async Task<EngineHost> StartAsync(
        CliContext context, EngineSettings settings, string address, bool worker, CliLogging logging, Action<EngineOptions>? configure, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        logging.Configure(builder.Logging);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddOrchestratorPlugins(o =>
        {
            o.Discovery = context.Discovery with { ExplicitPaths = [.. settings.PluginPaths] };
            o.BuiltIns = context.BuiltIns;
            o.WatchForChanges = worker;
        });
        builder.Services.AddOrchestratorEngine(o =>
        {
            o.DataDirectory = settings.DataDirectory;
            o.CurrentDirectory = context.Discovery.CurrentDirectory;
            foreach (var path in settings.WorkflowPaths)
            {
                o.WorkflowPaths.Add(path);
            }

            configure?.Invoke(o);
        }).UseSidecar(address, worker);
        var engine = new EngineHost(builder.Build());
        try
        {
            await engine._host.StartAsync(cancellationToken);
        }
        catch
        {
            // What did start is stopped, not just disposed, so it ends quietly.
            await engine.DisposeAsync();
            throw;
        }

        return engine;
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _host.WaitForShutdownAsync(cancellationToken);

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
        }
    }
}
