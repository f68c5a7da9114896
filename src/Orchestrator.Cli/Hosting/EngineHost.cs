using Grpc.Core;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Engine;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Schedules;
using Orchestrator.Plugins.DependencyInjection;

namespace Orchestrator.Cli.Hosting;

/// <summary>A host with the plugin catalog, the engine's client and (optionally) its worker, connected to one sidecar.</summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TaskCompletionSource _refused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _standDown;

    private EngineHost(IHost host) => _host = host;

    public RunService Runs => _host.Services.GetRequiredService<RunService>();

    public ScheduleService Schedules => _host.Services.GetRequiredService<ScheduleService>();

    /// <summary>Completes when the sidecar refused this process's worker because it already has one (<see cref="EngineWorker.IfFree"/>).</summary>
    public Task WorkerRefused => _refused.Task;

    public static async Task<EngineHost> StartAsync(
        CliContext context, EngineSettings settings, string address, CallInvoker? inProcess, EngineWorker worker, CliLogging logging, Action<EngineOptions>? configure, CancellationToken cancellationToken)
    {
        var sandbox = PluginSettings.Read(context);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        logging.Configure(builder.Logging);
        builder.Configuration.AddInMemoryCollection(OtlpExport.FromEnvironment());
        OtlpExport.AddWhenConfigured(builder);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddOrchestratorPlugins(o =>
        {
            sandbox(o);
            o.Discovery = context.Discovery with { ExplicitPaths = [.. settings.PluginPaths] };
            o.BuiltIns = context.BuiltIns;
            o.WatchForChanges = worker != EngineWorker.None;
        });
        var engine = builder.Services.AddOrchestratorEngine(o =>
        {
            o.DataDirectory = settings.DataDirectory;
            o.CurrentDirectory = context.Discovery.CurrentDirectory;
            foreach (var path in settings.WorkflowPaths)
            {
                o.WorkflowPaths.Add(path);
            }

            configure?.Invoke(o);
        });
        _ = inProcess is null ? engine.UseSidecar(address, worker != EngineWorker.None) : engine.UseSidecar(inProcess, worker != EngineWorker.None);
        EngineHost? host = null;
        if (worker == EngineWorker.IfFree)
        {
            builder.Services.Configure<GrpcDurableTaskWorkerOptions>(o => o.Interceptors.Add(new RefusedWorkerInterceptor(() => host!._refused.TrySetResult())));
        }

        host = new EngineHost(builder.Build());
        try
        {
            await host._host.StartAsync(cancellationToken);
            host._standDown = worker == EngineWorker.IfFree ? host.StandDownWhenRefusedAsync() : null;
        }
        catch
        {
            // What did start is stopped, not just disposed, so it ends quietly.
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _host.WaitForShutdownAsync(cancellationToken);

    // Refused, the SDK's worker would reconnect with backoff forever and the sidecar would log each refusal; the
    // worker that is connected runs the work, so this one stops and the process stays a client.
    private async Task StandDownWhenRefusedAsync()
    {
        try
        {
            await _refused.Task;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        foreach (var worker in _host.Services.GetServices<IHostedService>().OfType<DurableTaskWorker>())
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await worker.StopAsync(stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        _refused.TrySetCanceled();
        try
        {
            if (_standDown is not null)
            {
                await _standDown;
            }

            await _host.StopAsync(stop.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
