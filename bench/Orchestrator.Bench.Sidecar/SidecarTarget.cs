using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Hosting;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Bench.Sidecar;

/// <summary>The orchestration through an embedded sidecar, worker and client in this process, over loopback gRPC or in process.</summary>
internal sealed class SidecarTarget : ITarget
{
    private readonly EmbeddedSidecar _sidecar;
    private readonly IHost _host;
    private readonly DurableTaskClient _client;
    private readonly TimeSpan _batchPolling;
    private readonly bool _notifiedRunWait;
    private int _batch;

    private SidecarTarget(string name, EmbeddedSidecar sidecar, IHost host, TimeSpan batchPolling, bool notifiedRunWait)
    {
        Name = name;
        _batchPolling = batchPolling;
        _notifiedRunWait = notifiedRunWait;
        _sidecar = sidecar;
        _host = host;
        _client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public string Name { get; }

    public string CompletionWait => string.Create(CultureInfo.InvariantCulture, $"a batch: one query per {_batchPolling.TotalMilliseconds:0} ms; one run: ") + (_notifiedRunWait
        ? "notified, WaitForInstanceCompletion (answered when the run completes, as the floor's WaitForOrchestrationAsync)"
        : "GetInstance every 2 ms");

    /// <param name="batchPolling">How often a batch's completion is queried: querying a big Azure task hub loads Azurite, so it is polled slowly.</param>
    public static Task<SidecarTarget> StartAsync(string name, SidecarOptions options, TimeSpan batchPolling, CancellationToken cancellationToken) =>
        StartAsync(name, options, batchPolling, notifiedRunWait: false, cancellationToken);

    /// <param name="batchPolling">How often a batch's completion is queried: querying a big Azure task hub loads Azurite, so it is polled slowly.</param>
    /// <param name="notifiedRunWait">
    /// Whether one run is awaited with WaitForInstanceCompletion, which a backend that is notified of completions
    /// (memory) answers at once; otherwise GetInstance is polled. A batch is always polled with one query: cheaper
    /// than a wait call per run, which costs the sidecar a unary gRPC call each (docs/sidecar.md#performance).
    /// </param>
    public static Task<SidecarTarget> StartAsync(string name, SidecarOptions options, TimeSpan batchPolling, bool notifiedRunWait, CancellationToken cancellationToken) =>
        StartAsync(name, options, batchPolling, notifiedRunWait, inProcess: false, cancellationToken);

    /// <param name="inProcess">
    /// Whether the worker and client call the sidecar through its in-process invoker, as <c>run</c> and <c>serve</c> do,
    /// instead of over loopback gRPC, as a worker in another process does (docs/sidecar.md#in-process-calls).
    /// </param>
    public static async Task<SidecarTarget> StartAsync(
        string name, SidecarOptions options, TimeSpan batchPolling, bool notifiedRunWait, bool inProcess, CancellationToken cancellationToken)
    {
        var sidecar = await EmbeddedSidecar.StartAsync(options, cancellationToken: cancellationToken);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(tasks =>
            {
                tasks.AddActivityFunc<int, int>("Noop", (_, x) => x);
                tasks.AddOrchestratorFunc<int, int>("ThreeNoops", async (context, x) =>
                {
                    x = await context.CallActivityAsync<int>("Noop", x);
                    x = await context.CallActivityAsync<int>("Noop", x);
                    return await context.CallActivityAsync<int>("Noop", x);
                });
            });
            if (inProcess)
            {
                worker.UseGrpc(o => o.CallInvoker = sidecar.InProcess);
            }
            else
            {
                worker.UseGrpc(sidecar.Address);
            }
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            if (inProcess)
            {
                client.UseGrpc(o => o.CallInvoker = sidecar.InProcess);
            }
            else
            {
                client.UseGrpc(sidecar.Address);
            }
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new SidecarTarget(name, sidecar, host, batchPolling, notifiedRunWait);
    }

    public async Task RunBatchAsync(int count, CancellationToken cancellationToken)
    {
        var prefix = $"b{Interlocked.Increment(ref _batch)}-{Guid.NewGuid():N}-";
        await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            _client.ScheduleNewOrchestrationInstanceAsync("ThreeNoops", i, new StartOrchestrationOptions(prefix + i), cancellationToken)));
        var query = new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 2000 };
        while (true)
        {
            var completed = 0;
            await foreach (var _ in _client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            {
                completed++;
            }

            if (completed == count)
            {
                return;
            }

            await Task.Delay(_batchPolling, cancellationToken);
        }
    }

    /// <summary>Purges every finished run (through the sidecar, as a user would).</summary>
    public Task PurgeAllAsync(CancellationToken cancellationToken) =>
        _client.PurgeAllInstancesAsync(new PurgeInstancesFilter(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)), cancellationToken);

    public async Task RunOneAsync(CancellationToken cancellationToken)
    {
        var id = await _client.ScheduleNewOrchestrationInstanceAsync("ThreeNoops", 1, cancellationToken);
        if (_notifiedRunWait)
        {
            var state = await _client.WaitForInstanceCompletionAsync(id, cancellationToken);
            if (state.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"{Name} run {id} ended {state.RuntimeStatus}");
            }

            return;
        }

        // Poll GetInstance: the Azure backend's own completion wait polls only every 2 s.
        await PollUntilCompletedAsync(id, TimeSpan.FromMilliseconds(2), cancellationToken);
    }

    /// <summary>Starts one run under <paramref name="instanceId"/> and polls its status every <paramref name="pollEvery"/> until it completes (a <see cref="Burst"/> caller).</summary>
    public async Task RunAndPollAsync(string instanceId, TimeSpan pollEvery, CancellationToken cancellationToken)
    {
        await _client.ScheduleNewOrchestrationInstanceAsync("ThreeNoops", 1, new StartOrchestrationOptions(instanceId), cancellationToken);
        await PollUntilCompletedAsync(instanceId, pollEvery, cancellationToken);
    }

    private async Task PollUntilCompletedAsync(string instanceId, TimeSpan every, CancellationToken cancellationToken)
    {
        while ((await _client.GetInstanceAsync(instanceId, cancellationToken))?.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            await Task.Delay(every, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _sidecar.DisposeAsync();
    }
}
