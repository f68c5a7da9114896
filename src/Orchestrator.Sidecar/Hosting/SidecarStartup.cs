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
