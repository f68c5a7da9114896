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
    public static async Task<WorkerHost> StartAsync(string address, bool withWorker = true, DurableTaskWorkerOptions.VersioningOptions? versioning = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (withWorker)
        {
            builder.Services.AddSingleton<IExceptionPropertiesProvider, ConformanceExceptionProperties>();
            builder.Services.AddDurableTaskWorker(worker =>
            {
                worker.AddTasks(ConformanceTasks.Register);
                worker.UseGrpc(address);
                if (versioning is not null)
                {
                    worker.UseVersioning(versioning);
                }
            });
        }

        builder.Services.AddDurableTaskClient(client => client.UseGrpc(address));
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
