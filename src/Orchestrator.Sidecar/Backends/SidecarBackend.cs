using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Sidecar.Hardening;
using Orchestrator.Sidecar.ScaleOut;
using Orchestrator.Storage.Sqlite;

namespace Orchestrator.Sidecar.Backends;

/// <summary>The configured backend: the raw client (queries, purge) and the hardened service the dispatchers use.</summary>
internal sealed class SidecarBackend : IAsyncDisposable
{
    private SidecarBackend(string name, IOrchestrationServiceClient client, HardenedOrchestrationService service, AzureStorageOrchestrationService? azure = null)
    {
        Name = name;
        Client = client;
        Service = service;
        Azure = azure;
    }

    public string Name { get; }

    public IOrchestrationServiceClient Client { get; }

    public HardenedOrchestrationService Service { get; }

    /// <summary>The Azure Storage backend itself (its client is <see cref="Client"/>, which bounds status reads).</summary>
    public AzureStorageOrchestrationService? Azure { get; }

    public SqliteOrchestrationService? Sqlite => Client as SqliteOrchestrationService;

    public bool SurvivesRestart => Azure is not null || Sqlite is not null;

    /// <summary>This node's hold on its worker id in the Azure Storage task hub, once taken.</summary>
    public WorkerClaim? Claim { get; set; }

    public static SidecarBackend Create(SidecarOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger<HardenedOrchestrationService>();
        if (SidecarBackends.Is(options.Backend, SidecarBackends.Sqlite))
        {
            var sqlite = new SqliteOrchestrationService(
                new SqliteOrchestrationServiceSettings
                {
                    DatabasePath = options.DatabasePath,
                    LockTimeout = options.VisibilityTimeout,
                    PollInterval = options.PollingInterval,
                    MaxConcurrentOrchestrations = options.Concurrency,
                    MaxConcurrentActivities = options.Concurrency,
                    OwnerRole = options.OwnerRole,
                },
                loggerFactory);

            // The vendored dispatchers never renew locks (docs/sidecar.md#2-no-lock-renewal): renew at a third of the lock timeout.
            return new SidecarBackend(SidecarBackends.Sqlite, sqlite, new HardenedOrchestrationService(sqlite, options.Concurrency, options.VisibilityTimeout / 3, logger));
        }

        if (!SidecarBackends.SurvivesRestart(options.Backend))
        {
            var memory = new InMemoryOrchestrationService(loggerFactory);
            return new SidecarBackend(SidecarBackends.Memory, memory, new HardenedOrchestrationService(memory, options.Concurrency, renewEvery: null, logger));
        }

        AzureStorageOrchestrationService azure;
        try
        {
            azure = new AzureStorageOrchestrationService(AzureStorageSettings.For(options, loggerFactory));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new SidecarException(
                $"Sidecar:ConnectionString is not a usable Azure Storage connection string ({ex.Message}): use UseDevelopmentStorage=true for Azurite or copy the storage account's connection string.",
                ex);
        }

        var hardened = new HardenedOrchestrationService(azure, options.Concurrency, options.VisibilityTimeout / 3, logger);
        return new SidecarBackend(SidecarBackends.AzureStorage, new StatusReadGate(azure, AzureStorageSettings.MaxStatusReads), hardened, azure);
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();

        // After the backend has given up its partitions: the id is free only once nothing runs under it.
        if (Claim is not null)
        {
            await Claim.DisposeAsync();
        }

        // Closes the database file and gives up its ownership (removes the owner record).
        Sqlite?.Dispose();
    }
}
