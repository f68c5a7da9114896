using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Sidecar.Hardening;

/// <summary>
/// Renews each held work-item lock about once per period until told to stop (docs/sidecar.md#2-no-lock-renewal). One
/// background loop serves every held item: a timer and a task per work item cost more CPU than the work itself at
/// hundreds of items a second.
/// </summary>
internal sealed class LockRenewer(TimeSpan? period, ILogger logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<object, Held> _held = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _loop;
    private int _disposed;

    public void Start(object workItem, Func<Task> renewAsync)
    {
        if (period is null || Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        _held.TryAdd(workItem, new Held(renewAsync));
        lock (_gate)
        {
            _loop ??= Task.Run(() => RenewLoopAsync(period.Value, _stopping.Token));
        }
    }

    /// <summary>Stops renewing; waits for a renewal of this item that is under way, so none lands after completion.</summary>
    public async Task StopAsync(object workItem)
    {
        if (_held.TryRemove(workItem, out var held) && held.Renewing is { IsCompleted: false } renewing)
        {
            await renewing;
        }
    }

    /// <summary>Stops every renewal; called by both the backend's stop and its disposal, so it runs once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_loop is { } loop)
        {
            await loop;
        }

        foreach (var workItem in _held.Keys.ToList())
        {
            await StopAsync(workItem);
        }

        _stopping.Dispose();
    }

    private async Task RenewLoopAsync(TimeSpan every, CancellationToken cancellationToken)
    {
        // Ticks twice per period; an item is renewed once at least a period has passed since it was locked or renewed.
        var tick = every / 2;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(tick, cancellationToken);
                foreach (var (workItem, held) in _held)
                {
                    if (held.Renewing is null or { IsCompleted: true } && Stopwatch.GetElapsedTime(held.Since) >= every - tick / 2)
                    {
                        held.Since = Stopwatch.GetTimestamp();
                        held.Renewing = RenewAsync(workItem, held);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: the sidecar is stopping.
        }
    }

    private async Task RenewAsync(object workItem, Held held)
    {
        try
        {
            await held.RenewAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LockRenewalFailed(workItem.GetType().Name, ex);
        }
    }

    private sealed class Held(Func<Task> renewAsync)
    {
        public Func<Task> RenewAsync { get; } = renewAsync;

        public long Since { get; set; } = Stopwatch.GetTimestamp();

        public Task? Renewing { get; set; }
    }
}
