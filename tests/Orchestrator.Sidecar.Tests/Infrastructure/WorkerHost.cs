using Grpc.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.TestWorker;

namespace Orchestrator.Sidecar.Tests.Infrastructure;

/// <summary>An in-process Durable Task worker (the conformance tasks) and client connected to a sidecar.</summary>
internal sealed class WorkerHost : IAsyncDisposable
{
    private readonly IHost _host;

    private WorkerHost(IHost host, DurableTaskClient client)
    {
        _host = host;
        Client = client;
    }

    public DurableTaskClient Client { get; }

    /// <param name="address">The sidecar.</param>
    /// <param name="withWorker">False for a client only.</param>
    /// <param name="versioning">The worker's versioning rules; none when <c>null</c>.</param>
    public static Task<WorkerHost> StartAsync(string address, bool withWorker = true, DurableTaskWorkerOptions.VersioningOptions? versioning = null) =>
        StartAsync(w => w.UseGrpc(address), c => c.UseGrpc(address), withWorker, versioning);

    /// <summary>A worker and client in the sidecar's process, calling it through <paramref name="invoker"/> (no gRPC transport).</summary>
    public static Task<WorkerHost> StartAsync(CallInvoker invoker, bool withWorker = true, DurableTaskWorkerOptions.VersioningOptions? versioning = null) =>
        StartAsync(w => w.UseGrpc(o => o.CallInvoker = invoker), c => c.UseGrpc(o => o.CallInvoker = invoker), withWorker, versioning);

    private static async Task<WorkerHost> StartAsync(
        Action<IDurableTaskWorkerBuilder> workerTransport, Action<IDurableTaskClientBuilder> clientTransport, bool withWorker, DurableTaskWorkerOptions.VersioningOptions? versioning)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (withWorker)
        {
            builder.Services.AddSingleton<IExceptionPropertiesProvider, ConformanceExceptionProperties>();
            builder.Services.AddDurableTaskWorker(worker =>
            {
                worker.AddTasks(ConformanceTasks.Register);
                workerTransport(worker);
                if (versioning is not null)
                {
                    worker.UseVersioning(versioning);
                }
            });
        }

        builder.Services.AddDurableTaskClient(clientTransport);
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new WorkerHost(host, host.Services.GetRequiredService<DurableTaskClient>());
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
