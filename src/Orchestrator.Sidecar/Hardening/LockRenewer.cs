using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Sidecar.Hardening;

/// <summary>Renews each held work-item lock on a fixed period until told to stop (docs/sidecar.md#2-no-lock-renewal).</summary>
internal sealed class LockRenewer(TimeSpan? period, ILogger logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<object, Renewal> _renewals = new(ReferenceEqualityComparer.Instance);

    public void Start(object workItem, Func<Task> renewAsync)
    {
        if (period is not { } every)
        {
            return;
        }

        var cancellation = new CancellationTokenSource();
        var renewal = new Renewal(cancellation, RenewLoopAsync(workItem, renewAsync, every, cancellation.Token));
        if (!_renewals.TryAdd(workItem, renewal))
        {
            cancellation.Cancel();
            cancellation.Dispose();
        }
    }

    public async Task StopAsync(object workItem)
    {
        if (_renewals.TryRemove(workItem, out var renewal))
        {
            await renewal.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var workItem in _renewals.Keys.ToList())
        {
            await StopAsync(workItem);
        }
    }

    private async Task RenewLoopAsync(object workItem, Func<Task> renewAsync, TimeSpan every, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await renewAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LockRenewalFailed(workItem.GetType().Name, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: the work item was completed, abandoned or released.
        }
    }

    private sealed record Renewal(CancellationTokenSource Cancellation, Task Loop)
    {
        public async Task StopAsync()
        {
            await Cancellation.CancelAsync();
            await Loop;
            Cancellation.Dispose();
        }
    }
}
