using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Engine;
using Orchestrator.Engine.Runs;
using Orchestrator.Plugins.DependencyInjection;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>A host with the plugin catalog, the engine's client and (optionally) its worker, connected to one sidecar.</summary>
internal sealed class EngineSession : IAsyncDisposable
{
    private readonly IHost _host;

    private EngineSession(IHost host, string address)
    {
        _host = host;
        Address = address;
    }

    public string Address { get; }

    public RunService Runs => _host.Services.GetRequiredService<RunService>();

    public static async Task<EngineSession> StartAsync(
        CliContext context, EngineSettings settings, string address, bool worker, Action<EngineOptions>? configure, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(settings.Verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("Grpc", LogLevel.Warning).AddFilter("DurableTask", LogLevel.Warning);
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
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new EngineSession(host, address);
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
