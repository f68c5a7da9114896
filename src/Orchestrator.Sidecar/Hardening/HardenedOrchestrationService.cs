using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Sidecar.Hardening;

/// <summary>
/// Decorates the backend the dispatchers use. Defect 4 (docs/sidecar.md#4-concurrency-cliff) — concurrency cliff: the in-memory backend allows only
/// CPU-count work items and the dispatcher re-polls every 500 ms once they are busy (200 small runs took 200 s on
/// 2 cores); here every backend reports the configured concurrency instead. Lock renewal (docs/sidecar.md#2-no-lock-renewal) and the
/// sub-orchestration repairs (docs/sidecar.md#3-sub-orchestrations-break-on-azure-storage) live in the partial files next to this one.
/// </summary>
internal sealed partial class HardenedOrchestrationService : IOrchestrationService, IAsyncDisposable
{
    private readonly IOrchestrationService _inner;
    private readonly int _concurrency;
    private readonly LockRenewer _renewer;
    private readonly ILogger _logger;
    private int _started;

    /// <param name="inner">The real backend.</param>
    /// <param name="concurrency">Work items of each kind kept in flight.</param>
    /// <param name="renewEvery">How often held locks are renewed; <c>null</c> when the backend has no lock expiry.</param>
    /// <param name="logger">Where renewal failures are reported.</param>
    public HardenedOrchestrationService(IOrchestrationService inner, int concurrency, TimeSpan? renewEvery, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _inner = inner;
        _concurrency = concurrency;
        _renewer = new LockRenewer(renewEvery, logger);
        _logger = logger;
    }

    public int TaskOrchestrationDispatcherCount => _inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => _concurrency;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => _inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => _inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => _concurrency;

    public async Task StartAsync()
    {
        await _inner.StartAsync();
        Interlocked.Exchange(ref _started, 1);
    }

    public Task StopAsync() => StopAsync(isForced: false);

    /// <remarks>
    /// The vendored server calls this from an <c>async void</c> stop handler, where any exception would crash the
    /// process: the Azure backend throws when stopped without having started (no worker ever connected).
    /// So stopping a backend that never started is a no-op, and a failing stop is logged.
    /// </remarks>
    public async Task StopAsync(bool isForced)
    {
        await _renewer.DisposeAsync();
        if (Interlocked.Exchange(ref _started, 0) == 0)
        {
            return;
        }

        try
        {
            await _inner.StopAsync(isForced);
        }
        catch (Exception ex)
        {
            _logger.BackendStopFailed(ex);
        }
    }

    public Task CreateAsync() => _inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => _inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => _inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => _inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => _inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        _inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) =>
        _inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) =>
        _inner.GetDelayInSecondsAfterOnFetchException(exception);

    public ValueTask DisposeAsync() => _renewer.DisposeAsync();
}
