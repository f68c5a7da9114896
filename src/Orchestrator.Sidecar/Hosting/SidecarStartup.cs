using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Sidecar.Backends;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Sidecar.Hardening;
using Orchestrator.Sidecar.ScaleOut;
using Orchestrator.Storage.Sqlite;

namespace Orchestrator.Sidecar.Hosting;

/// <summary>Before serving: checks the hardening, creates the task hub, builds the server; once serving: logs the one address line.</summary>
internal sealed class SidecarStartup(
    IServiceProvider services,
    IOptions<SidecarOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SidecarStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        PendingWorkItems.EnsureAvailable();
        var backend = services.GetRequiredService<SidecarBackend>();
        if (backend.Azure is { } azure)
        {
            try
            {
                await azure.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new SidecarException(
                    $"Could not create or open task hub '{options.Value.TaskHub}' in Azure Storage ({ex.Message}): check Sidecar:ConnectionString and that the storage account (or Azurite) is reachable.",
                    ex);
            }

            logger.TaskHubReady(options.Value.TaskHub);
            await ClaimWorkerIdAsync(backend, cancellationToken);
        }

        if (backend.Sqlite is { } sqlite)
        {
            try
            {
                // Opens the file now: a damaged, foreign, read-only or already owned database fails the start, not the first call.
                await sqlite.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
            }
            catch (SqliteStorageException ex)
            {
                throw new SidecarException(ex.Message, ex);
            }
        }

        // Built now so it owns the dispatchers from the start and a bad package fails startup, not the first call.
        _ = services.GetRequiredService<HardenedTaskHubGrpcServer>();
        lifetime.ApplicationStarted.Register(() => LogListening(backend));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Before the backend starts (when the first worker connects) and takes partition leases under this id.
    private async Task ClaimWorkerIdAsync(SidecarBackend backend, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            backend.Claim = await WorkerClaim.AcquireAsync(
                settings.ConnectionString!, settings.TaskHub, settings.WorkerId, lifetime.StopApplication, logger, cancellationToken);
            var nodes = await backend.Claim.CountNodesAsync(cancellationToken);
            logger.JoinedTaskHub(settings.WorkerId, settings.TaskHub, nodes, settings.Partitions);
            if (nodes > settings.Partitions)
            {
                logger.MoreNodesThanPartitions(settings.TaskHub, nodes, settings.Partitions);
            }
        }
        catch (Azure.RequestFailedException ex)
        {
            throw new SidecarException(
                $"Could not claim worker id '{settings.WorkerId}' in task hub '{settings.TaskHub}' ({ex.Message}): check Sidecar:ConnectionString and that the storage account (or Azurite) is reachable.",
                ex);
        }
    }

    private void LogListening(SidecarBackend backend)
    {
        var host = SidecarAddress.TryParseHost(options.Value.Host) ?? IPAddress.Loopback;
        if (!IPAddress.IsLoopback(host))
        {
            logger.NotLoopback(options.Value.Host);
        }

        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? SidecarAddress.Format(host, options.Value.Port);
        var durability = (backend.Sqlite, backend.SurvivesRestart) switch
        {
            ({ } sqlite, _) => $"database {sqlite.DatabasePath}; state survives a restart",
            (_, true) => $"task hub '{options.Value.TaskHub}'; state survives a restart",
            _ => "state is lost when the sidecar stops",
        };

        // Other commands on this machine find the database's sidecar through the owner record.
        backend.Sqlite?.SetOwnerAddress(SidecarAddress.Connectable(address));
        logger.Listening(address, backend.Name, durability);
    }
}
