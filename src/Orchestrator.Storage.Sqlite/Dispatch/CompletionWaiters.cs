using System.Collections.Concurrent;

namespace Orchestrator.Storage.Sqlite.Dispatch;

/// <summary>In-process notifications that an instance reached a final status (for WaitForOrchestrationAsync).</summary>
internal sealed class CompletionWaiters
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the next <see cref="Notify"/> for this instance; take it before checking the status.</summary>
    public Task Next(string instanceId) =>
        _waiters.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify(string instanceId)
    {
        if (_waiters.TryRemove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
