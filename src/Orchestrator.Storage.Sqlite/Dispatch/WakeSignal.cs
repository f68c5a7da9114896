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
        // Checked first because a signal is usually pending already under load, and the exception is costly.
        if (_semaphore.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Signalled by another thread in between.
        }
    }

    /// <summary>Waits for a signal or the timeout; <c>true</c> when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, cancellationToken);
}
