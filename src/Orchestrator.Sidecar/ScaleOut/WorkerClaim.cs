using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Sidecar.ScaleOut;

/// <summary>
/// This node's hold on its worker id in a task hub (docs/scale-out.md#node-identity): a blob lease on
/// <c>&lt;task hub&gt;-workers/&lt;worker id&gt;</c>, renewed every <see cref="RenewEvery"/>. The partition leases of the
/// Azure Storage backend are owned by name, so two live nodes with one id would both take the same partitions and run the
/// same orchestrations at once; the second one is refused instead. A node that was killed holds its id until the lease
/// lapses (<see cref="Duration"/>): a node started again with that id waits for it, while a live holder shows itself by
/// stamping the blob again within <see cref="RenewEvery"/>.
/// </summary>
internal sealed class WorkerClaim : IAsyncDisposable
{
    /// <summary>How long the lease lasts unless renewed (the shortest fixed blob lease).</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    /// <summary>How often the holder renews the lease and stamps the blob, so a newcomer can tell a live holder from a dead one.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    private const string HostKey = "host";
    private const string ProcessKey = "pid";

    private readonly BlobLeaseClient _lease;
    private readonly BlobClient _blob;
    private readonly string _workerId;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;

    private WorkerClaim(BlobClient blob, BlobLeaseClient lease, string workerId, Action onLost, ILogger logger)
    {
        _blob = blob;
        _lease = lease;
        _workerId = workerId;
        _logger = logger;
        _renewal = RenewAsync(onLost, _stop.Token);
    }

    /// <summary>
    /// Takes <paramref name="workerId"/> in <paramref name="taskHub"/>, waiting up to <see cref="Duration"/> for the
    /// claim of a node that stopped renewing it; <paramref name="onLost"/> is called if another process takes it later.
    /// </summary>
    /// <exception cref="SidecarException">A live node holds the id.</exception>
    public static async Task<WorkerClaim> AcquireAsync(
        string connectionString, string taskHub, string workerId, Action onLost, ILogger logger, CancellationToken cancellationToken)
    {
        var container = new BlobContainerClient(connectionString, ContainerName(taskHub));
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient(workerId);
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // The blob is there from an earlier node with this id; only its lease says whether that node still runs.
        }

        var lease = blob.GetBlobLeaseClient();
        var deadline = Stopwatch.StartNew();
        DateTimeOffset? firstStamp = null;
        while (true)
        {
            try
            {
                await lease.AcquireAsync(Duration, cancellationToken: cancellationToken);
                var claim = new WorkerClaim(blob, lease, workerId, onLost, logger);
                await claim.StampAsync(cancellationToken);
                return claim;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // A holder that stamps the blob again while this one waits is alive; one that was killed leaves its
                // lease to lapse within Duration.
                var holder = await HolderAsync(blob, cancellationToken);
                if (firstStamp is null)
                {
                    firstStamp = holder.Stamped;
                    logger.WaitingForWorkerId(workerId, holder.Who, Duration);
                }
                else if (holder.Stamped != firstStamp || deadline.Elapsed > Duration + (RenewEvery * 2))
                {
                    throw new SidecarException(
                        $"worker id '{workerId}' is in use on task hub '{taskHub}' by a running node ({holder.Who}): every node on a task hub needs its own id. " +
                        "Start this one with another --worker-id (or ORCHESTRATOR_SIDECAR__WORKERID), e.g. --worker-id node-2.",
                        ex);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>How many nodes hold their id in the task hub now, this one included.</summary>
    public async Task<int> CountNodesAsync(CancellationToken cancellationToken)
    {
        var nodes = 0;
        await foreach (var item in _blob.GetParentBlobContainerClient().GetBlobsAsync(cancellationToken: cancellationToken))
        {
            nodes += item.Properties.LeaseState == LeaseState.Leased ? 1 : 0;
        }

        return nodes;
    }

    /// <summary>The container of the claims of a task hub's nodes.</summary>
    public static string ContainerName(string taskHub) => taskHub.ToLowerInvariant() + "-workers";

    /// <summary>Stops renewing and gives the id up, so a node started again with it does not wait.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
        try
        {
            await _lease.ReleaseAsync(cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            _logger.WorkerIdReleaseFailed(_workerId, ex);
        }

        _stop.Dispose();
    }

    private static async Task<(string Who, DateTimeOffset Stamped)> HolderAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        var metadata = properties.Value.Metadata;
        var who = metadata.TryGetValue(HostKey, out var host) && metadata.TryGetValue(ProcessKey, out var pid)
            ? $"process {pid} on {host}"
            : "another process";
        return (who, properties.Value.LastModified);
    }

    private async Task StampAsync(CancellationToken cancellationToken) =>
        await _blob.SetMetadataAsync(
            new Dictionary<string, string>
            {
                [HostKey] = Environment.MachineName,
                [ProcessKey] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            },
            new BlobRequestConditions { LeaseId = _lease.LeaseId },
            cancellationToken);

    private async Task RenewAsync(Action onLost, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await _lease.RenewAsync(cancellationToken: cancellationToken);
                    await StampAsync(cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    // Another process took the id while this one could not renew (storage unreachable for longer than
                    // the lease): two nodes must not own partitions under one name, so this one stops.
                    _logger.WorkerIdLost(_workerId, ex);
                    onLost();
                    return;
                }
                catch (Exception ex) when (ex is RequestFailedException or TimeoutException or HttpRequestException)
                {
                    // Storage briefly unreachable: an expired lease that nobody took can still be renewed.
                    _logger.WorkerIdRenewalFailed(_workerId, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
