using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.History;
using Orchestrator.Storage.Sqlite.Database;
using Orchestrator.Storage.Sqlite.Dispatch;

namespace Orchestrator.Storage.Sqlite;

/// <summary>Activity work items: lock, renew, complete (result to the orchestration in the same transaction), abandon.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <inheritdoc />
    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var store = EnsureOpen();
        var deadline = Deadline(receiveTimeout);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_lockedTasks.TryDequeue(out var task) && IsFresh(task.LockExpiresAt))
            {
                var scheduled = EventSerializer.Deserialize(EventType.TaskScheduled, task.Data);
                return new SqliteActivityWorkItem
                {
                    Id = task.SequenceNumber.ToString(CultureInfo.InvariantCulture),
                    TaskMessage = EventSerializer.Message(task.SequenceNumber, task.InstanceId, task.ExecutionId, scheduled),
                    LockedUntilUtc = SqlExtensions.FromUnixMs(task.LockExpiresAt),
                    SequenceNumber = task.SequenceNumber,
                    LockToken = task.LockToken,
                };
            }

            var attempt = await store.WriteAsync(s => ActivityLocking.TryLock(s, LockBatch, Now, _settings.LockTimeout), cancellationToken);
            foreach (var locked in attempt.Locked)
            {
                _lockedTasks.Enqueue(locked);
            }

            if (attempt.Locked.Count == 0 && !await WaitForWorkAsync(_activitySignal, attempt.NextAvailableAt, deadline, cancellationToken))
            {
                return null!;
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="SqliteLockLostException">The lock expired or another holder took it.</exception>
    public async Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem)
    {
        var item = Ours(workItem);
        var expires = Now + (long)_settings.LockTimeout.TotalMilliseconds;
        var renewed = await EnsureOpen().WriteAsync(s => s.Command("""
            UPDATE tasks SET lock_expires_at = $expires, available_at = $expires
            WHERE seq = $seq AND lock_token = $token AND lock_expires_at > $now
            """)
            .With("$expires", expires).With("$seq", item.SequenceNumber).With("$token", item.LockToken).With("$now", Now)
            .ExecuteNonQuery());
        if (renewed == 0)
        {
            throw LockLost($"activity task {item.Id}", "renewed");
        }

        item.LockedUntilUtc = SqlExtensions.FromUnixMs(expires);
        return item;
    }

    /// <inheritdoc />
    /// <exception cref="SqliteLockLostException">The lock expired or another holder took it; the result was not recorded.</exception>
    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        var item = Ours(workItem);
        ArgumentNullException.ThrowIfNull(responseMessage);
        var delivered = await EnsureOpen().WriteAsync(s =>
        {
            var now = Now;
            var deleted = s.Command("DELETE FROM tasks WHERE seq = $seq AND lock_token = $token AND lock_expires_at > $now")
                .With("$seq", item.SequenceNumber).With("$token", item.LockToken).With("$now", now).ExecuteNonQuery();
            if (deleted == 0)
            {
                return (bool?)null;
            }

            var rows = new MessageRows(s, now, _settings.PayloadThreshold, _logger);
            rows.Send(responseMessage);
            return rows.OrchestrationWork;
        });
        if (delivered is null)
        {
            throw LockLost($"activity task {item.Id}", "completed");
        }

        if (delivered == true)
        {
            _orchestrationSignal.Set();
        }
    }

    /// <inheritdoc />
    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        var item = Ours(workItem);

        // The first abandon (e.g. the worker disconnected) redelivers at once; repeated ones back off.
        await EnsureOpen().WriteAsync(s => s.Command("""
            UPDATE tasks SET lock_token = NULL, lock_expires_at = NULL,
                available_at = CASE WHEN dequeue_count <= 1 THEN $now ELSE $now + min(60000, 1000 << min(dequeue_count - 2, 6)) END
            WHERE seq = $seq AND lock_token = $token
            """)
            .With("$now", Now).With("$seq", item.SequenceNumber).With("$token", item.LockToken)
            .ExecuteNonQuery());
        _activitySignal.Set();
    }

    private static SqliteActivityWorkItem Ours(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        return workItem as SqliteActivityWorkItem
            ?? throw new ArgumentException($"The activity work item {workItem.Id} was not locked by this SQLite service.", nameof(workItem));
    }
}
