using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Sidecar.Hardening;

namespace Orchestrator.Sidecar.Backends;

/// <summary>The configured backend: the raw client (queries, purge) and the hardened service the dispatchers use.</summary>
internal sealed class SidecarBackend : IAsyncDisposable
{
    private SidecarBackend(string name, IOrchestrationServiceClient client, HardenedOrchestrationService service, AzureStorageOrchestrationService? azure)
    {
        Name = name;
        Client = client;
        Service = service;
        Azure = azure;
    }

    public string Name { get; }

    public IOrchestrationServiceClient Client { get; }

    public HardenedOrchestrationService Service { get; }

    public AzureStorageOrchestrationService? Azure { get; }

    public bool SurvivesRestart => Azure is not null;

    public static SidecarBackend Create(SidecarOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger<HardenedOrchestrationService>();
        if (!SidecarBackends.SurvivesRestart(options.Backend))
        {
            var memory = new InMemoryOrchestrationService(loggerFactory);
            return new SidecarBackend(SidecarBackends.Memory, memory, new HardenedOrchestrationService(memory, options.Concurrency, renewEvery: null, logger), azure: null);
        }

        AzureStorageOrchestrationService azure;
        try
        {
            azure = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
            {
                StorageAccountClientProvider = new StorageAccountClientProvider(options.ConnectionString!),
                TaskHubName = options.TaskHub,
                PartitionCount = options.Partitions,
                MaxQueuePollingInterval = options.PollingInterval,
                ControlQueueVisibilityTimeout = options.VisibilityTimeout,
                WorkItemQueueVisibilityTimeout = options.VisibilityTimeout,
                MaxConcurrentTaskActivityWorkItems = options.Concurrency,
                MaxConcurrentTaskOrchestrationWorkItems = options.Concurrency,
                LoggerFactory = loggerFactory,
            });
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new SidecarException(
                $"Sidecar:ConnectionString is not a usable Azure Storage connection string ({ex.Message}): use UseDevelopmentStorage=true for Azurite or copy the storage account's connection string.",
                ex);
        }

        var hardened = new HardenedOrchestrationService(azure, options.Concurrency, options.VisibilityTimeout / 3, logger);
        return new SidecarBackend(SidecarBackends.AzureStorage, azure, hardened, azure);
    }

    public ValueTask DisposeAsync() => Service.DisposeAsync();
}
