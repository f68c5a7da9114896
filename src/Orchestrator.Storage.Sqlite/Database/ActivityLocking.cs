using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>Locking the next available activity tasks; tasks of finished or replaced executions are dropped instead of run.</summary>
internal static class ActivityLocking
{
    public sealed record LockedTask(long SequenceNumber, string InstanceId, string? ExecutionId, string Data, string LockToken, long LockExpiresAt);

    public readonly record struct Attempt(List<LockedTask> Locked, long? NextAvailableAt);

    /// <summary>Locks up to <paramref name="max"/> tasks with one statement (one lock token for the batch; a task is identified by its sequence number and the token).</summary>
    public static Attempt TryLock(SqliteStore store, int max, long now, TimeSpan lockTimeout)
    {
        var expires = now + (long)lockTimeout.TotalMilliseconds;
        var token = Guid.NewGuid().ToString("N");
        var candidates = new List<(LockedTask Task, long? PayloadId)>();
        using (var reader = store.Command($"""
            UPDATE tasks SET lock_token = $token, lock_expires_at = $expires, available_at = $expires, dequeue_count = dequeue_count + 1
            WHERE seq IN (
                SELECT t.seq FROM tasks t JOIN instances i ON i.instance_id = t.instance_id
                WHERE t.available_at <= $now AND i.status NOT IN ({InstanceRows.FinalStatuses}) AND (t.execution_id IS NULL OR t.execution_id = i.execution_id)
                ORDER BY t.available_at LIMIT $max)
            RETURNING seq, instance_id, execution_id, data, payload_id
            """).With("$token", token).With("$expires", expires).With("$now", now).With("$max", max).ExecuteReader())
        {
            while (reader.Read())
            {
                var task = new LockedTask(reader.GetInt64(0), reader.GetString(1), reader.NullableString(2), reader.NullableString(3) ?? string.Empty, token, expires);
                candidates.Add((task, reader.NullableInt64(4)));
            }
        }

        if (candidates.Count == 0)
        {
            var next = store.Command("SELECT min(available_at) FROM tasks WHERE available_at > $now").With("$now", now).ExecuteScalar();
            return new Attempt([], next is long at ? at : null);
        }

        var locked = new List<LockedTask>(candidates.Count);
        foreach (var (candidate, payloadId) in candidates)
        {
            locked.Add(payloadId is { } payload
                ? candidate with { Data = (string)store.Command("SELECT text FROM payloads WHERE payload_id = $id").With("$id", payload).ExecuteScalar()! }
                : candidate);
        }

        return new Attempt(locked, null);
    }

    /// <summary>
    /// Deletes the tasks of an execution that ended (finished, or replaced by continue-as-new): they are never run. A
    /// task under way loses its row, so its result is refused as a lost lock.
    /// </summary>
    public static void DropTasksOfEndedExecutions(SqliteStore store, string instanceId, string currentExecutionId, bool final, ILogger logger)
    {
        var dropped = store.Command("DELETE FROM tasks WHERE instance_id = $id AND ($final OR execution_id IS NOT $execution)")
            .With("$id", instanceId).With("$final", final).With("$execution", currentExecutionId).ExecuteNonQuery();
        if (dropped > 0)
        {
            logger.DroppedMessage($"{dropped} {nameof(EventType.TaskScheduled)}", instanceId, final ? "the instance finished" : "its execution continued as new");
        }
    }
}
