using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Sidecar.Backends;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Bench.Sidecar;

/// <summary>
/// The orchestration on DTFx's TaskHubWorker over the Azure Storage backend directly, no gRPC, no sidecar, no hardening:
/// the floor of the sidecar's azure-storage row. It takes the sidecar's own backend settings (AzureStorageSettings) and
/// watches completion the way the sidecar row does, so the two differ only by the sidecar.
/// </summary>
internal sealed class AzureFloorTarget : ITarget
{
    public const string TargetName = "DTFx direct, azure-storage (Azurite)";

    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubWorker _worker;
    private readonly TaskHubClient _client;
    private readonly TimeSpan _batchPolling;
    private int _batch;

    private AzureFloorTarget(AzureStorageOrchestrationService service, TaskHubWorker worker, TimeSpan batchPolling)
    {
        _service = service;
        _worker = worker;
        _batchPolling = batchPolling;
        _client = new TaskHubClient(service, loggerFactory: NullLoggerFactory.Instance);
    }

    public string Name => TargetName;

    /// <param name="options">The sidecar options whose azure-storage settings the floor runs with.</param>
    /// <param name="batchPolling">How often a batch's completion is queried (as <see cref="SidecarTarget"/> does).</param>
    public static async Task<AzureFloorTarget> StartAsync(SidecarOptions options, TimeSpan batchPolling)
    {
        var service = new AzureStorageOrchestrationService(AzureStorageSettings.For(options, NullLoggerFactory.Instance));
        await service.CreateIfNotExistsAsync();
        var worker = new TaskHubWorker(service, NullLoggerFactory.Instance);
        worker.AddTaskOrchestrations(typeof(FloorOrchestration));
        worker.AddTaskActivities(typeof(FloorActivity));
        await worker.StartAsync();
        return new AzureFloorTarget(service, worker, batchPolling);
    }

    public async Task RunBatchAsync(int count, CancellationToken cancellationToken)
    {
        var prefix = $"f{Interlocked.Increment(ref _batch)}-{Guid.NewGuid():N}-";
        await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            _client.CreateOrchestrationInstanceAsync(typeof(FloorOrchestration), prefix + i, i)));
        while (await CompletedAsync(prefix, cancellationToken) < count)
        {
            await Task.Delay(_batchPolling, cancellationToken);
        }
    }

    public async Task RunOneAsync(CancellationToken cancellationToken)
    {
        // Polled like the sidecar row's GetInstance (the backend's own wait polls only every 2 s).
        var instance = await _client.CreateOrchestrationInstanceAsync(typeof(FloorOrchestration), 1);
        while ((await _service.GetOrchestrationStateAsync(instance.InstanceId, executionId: null))?.OrchestrationStatus != OrchestrationStatus.Completed)
        {
            await Task.Delay(2, cancellationToken);
        }
    }

    /// <summary>Starts one run under <paramref name="instanceId"/> and polls its state every <paramref name="pollEvery"/> until it completes (a <see cref="Burst"/> caller).</summary>
    public async Task RunAndPollAsync(string instanceId, TimeSpan pollEvery, CancellationToken cancellationToken)
    {
        await _client.CreateOrchestrationInstanceAsync(typeof(FloorOrchestration), instanceId, 1);
        while ((await _service.GetOrchestrationStateAsync(instanceId, executionId: null))?.OrchestrationStatus != OrchestrationStatus.Completed)
        {
            await Task.Delay(pollEvery, cancellationToken);
        }
    }

    /// <summary>Stops the worker, then deletes the task hub (tables, queues, blobs), so the next target starts on an Azurite as empty as this one did.</summary>
    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(isForced: true);
        await _service.DeleteAsync();
    }

    private async Task<int> CompletedAsync(string prefix, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            RuntimeStatus = [OrchestrationStatus.Completed],
            PageSize = 2000,
        };
        var completed = 0;
        do
        {
            var page = await _service.GetOrchestrationWithQueryAsync(query, cancellationToken);
            completed += page.OrchestrationState.Count;
            query.ContinuationToken = page.ContinuationToken;
        }
        while (query.ContinuationToken is not null);
        return completed;
    }
}
