using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Query;

namespace Orchestrator.Sidecar.Backends;

/// <summary>
/// The Azure Storage backend's client with a bound on status reads in flight (docs/backends.md#status-polling). The
/// backend's client and dispatchers share one limit of concurrent storage calls (50 on 2 cores), and Azurite serves
/// calls one at a time: 300 callers polling their runs took every slot, so the dispatchers' calls (and the partition
/// lease renewals, which give up after a timeout) waited behind hundreds of reads and no run made progress. Reads
/// beyond the bound wait here instead; writes (starts, events, terminations, purges) pass straight through.
/// </summary>
internal sealed class StatusReadGate(AzureStorageOrchestrationService inner, int maxReads) :
    IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    // Never disposed: it holds no handle, and a read may still be finishing while the sidecar stops.
    private readonly SemaphoreSlim _reads = new(maxReads, maxReads);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => inner.CreateTaskOrchestrationAsync(creationMessage);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) =>
        inner.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => inner.SendTaskOrchestrationMessageAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => inner.SendTaskOrchestrationMessageBatchAsync(messages);

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => inner.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        inner.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => ((IOrchestrationServicePurgeClient)inner).PurgeInstanceStateAsync(instanceId);

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) => ((IOrchestrationServicePurgeClient)inner).PurgeInstanceStateAsync(purgeInstanceFilter);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string? executionId) =>
        ReadAsync(() => inner.GetOrchestrationStateAsync(instanceId, executionId), CancellationToken.None);

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) =>
        ReadAsync(() => inner.GetOrchestrationStateAsync(instanceId, allExecutions), CancellationToken.None);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) =>
        ReadAsync(() => inner.GetOrchestrationHistoryAsync(instanceId, executionId), CancellationToken.None);

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        ReadAsync(() => inner.GetOrchestrationWithQueryAsync(query, cancellationToken), cancellationToken);

    // The backend's own wait polls every 2 s (one read per waiter and 2 s) and fetches large outputs: left as it is.
    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await inner.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken))!;

    private async Task<T> ReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        await _reads.WaitAsync(cancellationToken);
        try
        {
            return await read();
        }
        finally
        {
            _reads.Release();
        }
    }
}
