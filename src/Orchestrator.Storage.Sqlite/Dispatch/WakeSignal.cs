namespace Orchestrator.Storage.Sqlite.Dispatch;

/// <summary>
/// Wakes a waiting dispatcher when this process enqueues work for it. A signal given while nobody waits is kept
/// (once), so work enqueued between a failed lock attempt and the wait is never missed.
/// </summary>
internal sealed class WakeSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Set()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits for a signal or the timeout; <c>true</c> when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, cancellationToken);
}
