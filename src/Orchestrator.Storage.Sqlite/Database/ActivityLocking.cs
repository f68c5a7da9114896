using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>Locking the next available activity task; tasks of finished or replaced executions are dropped instead of run.</summary>
internal static class ActivityLocking
{
    private const int MaxCandidates = 64;

    public sealed record LockedTask(long SequenceNumber, string InstanceId, string? ExecutionId, string Data, string LockToken, long LockExpiresAt);

    public readonly record struct Attempt(List<LockedTask> Locked, long? NextAvailableAt);

    /// <summary>Locks up to <paramref name="max"/> tasks in this transaction.</summary>
    public static Attempt TryLock(SqliteStore store, int max, long now, TimeSpan lockTimeout, ILogger logger)
    {
        var expires = now + (long)lockTimeout.TotalMilliseconds;
        var locked = new List<LockedTask>();
        for (var candidate = 0; candidate < MaxCandidates && locked.Count < max; candidate++)
        {
            var token = Guid.NewGuid().ToString("N");
            LockedTask? task = null;
            using (var reader = store.Command("""
                UPDATE tasks SET lock_token = $token, lock_expires_at = $expires, available_at = $expires, dequeue_count = dequeue_count + 1
                WHERE seq = (SELECT seq FROM tasks WHERE available_at <= $now ORDER BY available_at LIMIT 1)
                RETURNING seq, instance_id, execution_id, data, payload_id
                """).With("$token", token).With("$expires", expires).With("$now", now).ExecuteReader())
            {
                if (reader.Read())
                {
                    task = new LockedTask(reader.GetInt64(0), reader.GetString(1), reader.NullableString(2), reader.NullableString(3) ?? string.Empty, token, expires);
                    if (reader.NullableInt64(4) is { } payload)
                    {
                        task = task with { Data = (string)store.Command("SELECT text FROM payloads WHERE payload_id = $id").With("$id", payload).ExecuteScalar()! };
                    }
                }
            }

            if (task is null)
            {
                if (locked.Count > 0)
                {
                    break;
                }

                var next = store.Command("SELECT min(available_at) FROM tasks WHERE available_at > $now").With("$now", now).ExecuteScalar();
                return new Attempt(locked, next is long at ? at : null);
            }

            var instance = InstanceRows.Find(store, task.InstanceId);
            var stale = instance switch
            {
                null => "the instance no longer exists",
                { } row when InstanceRows.IsFinal(row.Status) => $"the instance is {row.Status}",
                { } row when task.ExecutionId is { Length: > 0 } execution && execution != row.ExecutionId => $"it belongs to execution {execution}, not the current {row.ExecutionId}",
                _ => null,
            };
            if (stale is null)
            {
                locked.Add(task);
                continue;
            }

            store.Command("DELETE FROM tasks WHERE seq = $seq").With("$seq", task.SequenceNumber).ExecuteNonQuery();
            logger.DroppedMessage(nameof(EventType.TaskScheduled), task.InstanceId, stale);
        }

        return new Attempt(locked, locked.Count > 0 ? null : now);
    }
}
