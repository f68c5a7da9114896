using DurableTask.Core;
using DurableTask.Core.History;
using Orchestrator.Storage.Sqlite.Database;
using Orchestrator.Storage.Sqlite.Dispatch;

namespace Orchestrator.Storage.Sqlite;

/// <summary>Orchestration work items: lock the next instance with visible messages, renew, abandon, release.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <inheritdoc />
    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var store = EnsureOpen();
        var deadline = Deadline(receiveTimeout);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_lockedOrchestrations.TryDequeue(out var locked) && IsFresh(locked.LockExpiresAt))
            {
                var history = locked.CachedHistory ?? [.. locked.StoredHistory!.Select(h => EventSerializer.Deserialize(h.Type, h.Data))];
                return new SqliteOrchestrationWorkItem
                {
                    InstanceId = locked.InstanceId,
                    OrchestrationRuntimeState = new OrchestrationRuntimeState(history),
                    NewMessages = [.. locked.Messages.Select(m => EventSerializer.Message(
                        m.SequenceNumber, locked.InstanceId, m.ExecutionId, EventSerializer.Deserialize(m.EventType, m.Data)))],
                    LockedUntilUtc = SqlExtensions.FromUnixMs(locked.LockExpiresAt),
                    LockToken = locked.LockToken,
                    MessageSequenceNumbers = [.. locked.Messages.Select(m => m.SequenceNumber)],
                    StoredHistoryCount = history.Count,
                    StoredExecutionId = locked.ExecutionId,
                    StoredCustomStatus = locked.CustomStatus,
                };
            }

            var attempt = await store.WriteAsync(s => OrchestrationLocking.TryLock(s, LockBatch, Now, _settings, _history, _logger), cancellationToken);
            foreach (var instance in attempt.Locked)
            {
                _lockedOrchestrations.Enqueue(instance);
            }

            if (attempt.Locked.Count == 0 && !await WaitForWorkAsync(_orchestrationSignal, attempt.NextVisibleAt, deadline, cancellationToken))
            {
                return null!;
            }
        }
    }

    /// <inheritdoc />
    public async Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = Ours(workItem);
        var expires = Now + (long)_settings.LockTimeout.TotalMilliseconds;
        var renewed = await EnsureOpen().WriteAsync(s => s.Command("""
            UPDATE instances SET lock_expires_at = $expires
            WHERE instance_id = $id AND lock_token = $token AND lock_expires_at > $now
            """)
            .With("$expires", expires).With("$id", item.InstanceId).With("$token", item.LockToken).With("$now", Now)
            .ExecuteNonQuery());
        if (renewed == 0)
        {
            throw LockLost($"orchestration '{item.InstanceId}'", "renewed");
        }

        item.LockedUntilUtc = SqlExtensions.FromUnixMs(expires);
    }

    /// <inheritdoc />
    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = Ours(workItem);
        if (!item.Settle())
        {
            return;
        }

        // Messages stay (they were never deleted); repeated failures back off so a poison message does not spin.
        await EnsureOpen().WriteAsync(s => s.Command("""
            UPDATE instances
            SET lock_token = NULL,
                lock_expires_at = CASE WHEN abandon_count = 0 THEN NULL ELSE $now + min(60000, 1000 << min(abandon_count - 1, 6)) END,
                abandon_count = abandon_count + 1
            WHERE instance_id = $id AND lock_token = $token
            """)
            .With("$now", Now).With("$id", item.InstanceId).With("$token", item.LockToken)
            .ExecuteNonQuery());
        _orchestrationSignal.Set();
    }

    /// <inheritdoc />
    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = Ours(workItem);
        if (!item.Settle())
        {
            return;
        }

        await EnsureOpen().WriteAsync(s => s.Command("UPDATE instances SET lock_token = NULL, lock_expires_at = NULL WHERE instance_id = $id AND lock_token = $token")
            .With("$id", item.InstanceId).With("$token", item.LockToken)
            .ExecuteNonQuery());
        _orchestrationSignal.Set();
    }

    /// <summary>Gives back the locks of work items locked in a batch but not handed out yet (the dispatchers stopped).</summary>
    private async Task ReleasePrefetchedAsync()
    {
        var instances = new List<string>();
        while (_lockedOrchestrations.TryDequeue(out var instance))
        {
            instances.Add(instance.LockToken);
        }

        var tasks = new List<string>();
        while (_lockedTasks.TryDequeue(out var task))
        {
            tasks.Add(task.LockToken);
        }

        if (instances.Count + tasks.Count == 0 || Volatile.Read(ref _store) is not { } store)
        {
            return;
        }

        await store.WriteAsync(s =>
        {
            foreach (var token in instances)
            {
                s.Command("UPDATE instances SET lock_token = NULL, lock_expires_at = NULL WHERE lock_token = $token").With("$token", token).ExecuteNonQuery();
            }

            foreach (var token in tasks)
            {
                s.Command("UPDATE tasks SET lock_token = NULL, lock_expires_at = NULL, available_at = $now WHERE lock_token = $token")
                    .With("$token", token).With("$now", Now).ExecuteNonQuery();
            }
        });
    }

    private static SqliteOrchestrationWorkItem Ours(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        return workItem as SqliteOrchestrationWorkItem
            ?? throw new ArgumentException($"The work item for '{workItem.InstanceId}' was not locked by this SQLite service.", nameof(workItem));
    }

    /// <summary>
    /// A work item locked ahead that waited in the batch for more than half its lock time is not handed out: its lock
    /// may lapse before it is done, and the row is locked again by the next batch anyway.
    /// </summary>
    private bool IsFresh(long lockExpiresAt) => lockExpiresAt - Now > (long)(_settings.LockTimeout.TotalMilliseconds / 2);

    private static DateTime Deadline(TimeSpan receiveTimeout) =>
        receiveTimeout == Timeout.InfiniteTimeSpan || receiveTimeout > TimeSpan.FromDays(3650) ? DateTime.MaxValue : DateTime.UtcNow + receiveTimeout;

    /// <summary>Waits for a signal, the next visible item, or the poll interval; <c>false</c> once the receive deadline has passed.</summary>
    private async Task<bool> WaitForWorkAsync(WakeSignal signal, long? nextVisibleAt, DateTime deadline, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        if (now >= deadline)
        {
            return false;
        }

        var wait = _settings.PollInterval;
        if (nextVisibleAt is { } next)
        {
            var untilNext = SqlExtensions.FromUnixMs(next) - now;
            wait = untilNext < wait ? untilNext : wait;
        }

        var untilDeadline = deadline - now;
        await signal.WaitAsync(untilDeadline < wait ? untilDeadline : wait, cancellationToken);
        return true;
    }

    private SqliteLockLostException LockLost(string workItem, string action)
    {
        _logger.LockLost(workItem, action);
        return new SqliteLockLostException(
            $"The lock of {workItem} in {_settings.DatabasePath} expired or was taken over before it was {action}; nothing was written and the work will be redone by the lock's holder.");
    }
}
