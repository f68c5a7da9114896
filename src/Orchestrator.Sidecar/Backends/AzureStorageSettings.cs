using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Sidecar.Backends;

/// <summary>
/// The Azure Storage backend's settings for the sidecar's options (docs/backends.md#azure-storage). One place, so the
/// bench's DTFx-direct floor runs with exactly the settings the sidecar uses.
/// </summary>
internal static class AzureStorageSettings
{
    /// <summary>
    /// Status reads (instance state, queries, history) in flight at once through the sidecar: a quarter of the
    /// backend's limit of concurrent storage calls (25 per core), so pollers never hold the calls the dispatchers and
    /// the partition leases need (docs/backends.md#status-polling).
    /// </summary>
    public static int MaxStatusReads => Math.Max(2, Environment.ProcessorCount * 25 / 4);

    public static AzureStorageOrchestrationServiceSettings For(SidecarOptions options, ILoggerFactory loggerFactory) => new()
    {
        StorageAccountClientProvider = new StorageAccountClientProvider(options.ConnectionString!),
        TaskHubName = options.TaskHub,
        PartitionCount = options.Partitions,
        WorkerId = options.WorkerId,
        LeaseInterval = options.LeaseTimeout,
        LeaseRenewInterval = options.LeaseTimeout / 3,
        LeaseAcquireInterval = options.LeaseTimeout / 3,
        PartitionTableOperationTimeout = options.LeaseTimeout / 3,

        // A start that asks for deduplication fails when the id is taken instead of returning as if it had
        // started a run: the engine's idempotent starts across nodes rely on it (docs/scale-out.md#idempotent-starts).
        ThrowExceptionOnInvalidDedupeStatus = true,
        MaxQueuePollingInterval = options.PollingInterval,
        ControlQueueVisibilityTimeout = options.VisibilityTimeout,
        WorkItemQueueVisibilityTimeout = options.VisibilityTimeout,
        MaxConcurrentTaskActivityWorkItems = options.Concurrency,
        MaxConcurrentTaskOrchestrationWorkItems = options.Concurrency,
        LoggerFactory = loggerFactory,
    };
}
