using System.Text;
using DurableTask.Core;
using DurableTask.Core.Common;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;
using Orchestrator.Storage.Sqlite.Dispatch;

namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>
/// Everything one orchestration episode changes, written in the caller's single transaction: the instance row is
/// updated and unlocked on the condition that the lock is still held (a lost lock writes nothing), history appended
/// (or replaced after continue-as-new), outbound tasks, timers and messages inserted, and consumed messages deleted.
/// </summary>
internal sealed class Checkpoint(
    SqliteOrchestrationWorkItem workItem,
    OrchestrationRuntimeState runtimeState,
    IList<TaskMessage> activityMessages,
    IList<TaskMessage> orchestratorMessages,
    IList<TaskMessage> timerMessages,
    TaskMessage? continuedAsNewMessage,
    OrchestrationState? state)
{
    /// <summary>The text of each history event written by this checkpoint, by event object.</summary>
    private readonly Dictionary<HistoryEvent, string> _written = new(ReferenceEqualityComparer.Instance);

    public readonly record struct Outcome(bool Final, bool OrchestrationWork, bool ActivityWork);

    /// <exception cref="SqliteLockLostException">From <paramref name="lockLost"/>: the lock is no longer held; the caller's transaction (savepoint) is rolled back.</exception>
    public Outcome Apply(SqliteStore store, long now, int threshold, ILogger logger, Func<SqliteLockLostException> lockLost)
    {
        var instanceId = workItem.InstanceId;
        var rows = new MessageRows(store, now, threshold, logger);
        var final = false;
        var replaced = false;
        if (runtimeState.ExecutionStartedEvent is null)
        {
            // The dispatcher dropped the work item (messages for an instance that has no history): just give it back.
            var released = store.Command("""
                UPDATE instances SET lock_token = NULL, lock_expires_at = NULL
                WHERE instance_id = $id AND lock_token = $token AND lock_expires_at > $now
                """).With("$id", instanceId).With("$token", workItem.LockToken).With("$now", now).ExecuteNonQuery();
            if (released == 0)
            {
                throw lockLost();
            }
        }
        else
        {
            var executionId = runtimeState.OrchestrationInstance!.ExecutionId;
            replaced = !string.Equals(executionId, workItem.StoredExecutionId, StringComparison.Ordinal);
            var current = state ?? Utils.BuildOrchestrationState(runtimeState);
            final = InstanceRows.IsFinal(current.OrchestrationStatus);

            // The instance row is updated first, on the condition that the lock is still held: a lost lock writes nothing.
            if (!UpdateInstance(store, current, executionId, replaced, now, threshold))
            {
                throw lockLost();
            }

            AppendHistory(store, instanceId, executionId, replaced, threshold);
            if (final || replaced)
            {
                ActivityLocking.DropTasksOfEndedExecutions(store, instanceId, executionId, final, logger);
            }

            if (continuedAsNewMessage?.Event is ExecutionStartedEvent)
            {
                // A dispatcher that hands continue-as-new back as a start message: the new execution replaces this one.
                rows.Create(continuedAsNewMessage, dedupeStatuses: null, fromClient: false);
            }

            foreach (var message in activityMessages)
            {
                // The scheduled event is usually the very object just written to the history: its text is reused.
                rows.AddTask(message, _written.GetValueOrDefault(message.Event));
            }

            foreach (var message in timerMessages.Concat(orchestratorMessages))
            {
                rows.Send(message);
            }
        }

        store.Command("DELETE FROM messages WHERE seq IN (SELECT value FROM json_each($seqs))")
            .With("$seqs", "[" + string.Join(',', workItem.MessageSequenceNumbers) + "]").ExecuteNonQuery();
        if (replaced)
        {
            // Continue-as-new: what an ended execution was still owed (a timer it stopped waiting for) must not reach
            // the new one, whose timers and tasks reuse the same ids. Deleted only after the consumed messages: a seq
            // freed earlier in this transaction would be reused by a message inserted above, which the consumed
            // messages' delete would then remove.
            store.Command("DELETE FROM messages WHERE instance_id = $id AND execution_id IS NOT NULL AND execution_id <> $execution")
                .With("$id", instanceId).With("$execution", runtimeState.OrchestrationInstance!.ExecutionId).ExecuteNonQuery();
        }

        var pending = store.Command("SELECT 1 FROM messages WHERE instance_id = $id AND visible_at <= $now LIMIT 1")
            .With("$id", instanceId).With("$now", now).ExecuteScalar() is not null;
        return new Outcome(final, rows.OrchestrationWork || pending, rows.ActivityWork);
    }

    private void AppendHistory(SqliteStore store, string instanceId, string executionId, bool replaced, int threshold)
    {
        IList<HistoryEvent> events;
        int first;
        if (replaced)
        {
            // Continue-as-new: the new execution's history replaces the old one (carried-over events are part of it).
            store.Command("DELETE FROM history WHERE instance_id = $id").With("$id", instanceId).ExecuteNonQuery();
            events = runtimeState.Events;
            first = 0;
        }
        else
        {
            events = runtimeState.NewEvents;
            first = workItem.StoredHistoryCount;
        }

        // Small events go in one statement, as a JSON array of [seq, type, event] that SQLite unpacks; large ones go one
        // by one with their text in the payloads table.
        var rows = new StringBuilder("[");
        for (var i = 0; i < events.Count; i++)
        {
            var json = EventSerializer.Serialize(events[i]);
            _written[events[i]] = json;
            if (json.Length > threshold)
            {
                var data = StoredText.Put(store, instanceId, json, threshold);
                store.Command("""
                    INSERT INTO history (instance_id, seq, execution_id, event_type, data, payload_id)
                    VALUES ($id, $seq, $execution, $type, NULL, $payload)
                    """)
                    .With("$id", instanceId).With("$seq", first + i).With("$execution", executionId)
                    .With("$type", (int)events[i].EventType).With("$payload", data.PayloadId)
                    .ExecuteNonQuery();
                continue;
            }

            rows.Append(rows.Length > 1 ? ",[" : "[").Append(first + i).Append(',').Append((int)events[i].EventType).Append(',').Append(json).Append(']');
        }

        if (rows.Length > 1)
        {
            store.Command("""
                INSERT INTO history (instance_id, seq, execution_id, event_type, data)
                SELECT $id, json_extract(value, '$[0]'), $execution, json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each($rows)
                """)
                .With("$id", instanceId).With("$execution", executionId).With("$rows", rows.Append(']').ToString())
                .ExecuteNonQuery();
        }
    }

    /// <returns><c>false</c> when the lock is no longer held (nothing was changed).</returns>
    private bool UpdateInstance(SqliteStore store, OrchestrationState current, string executionId, bool replaced, long now, int threshold)
    {
        var instanceId = workItem.InstanceId;
        var output = StoredText.Put(store, instanceId, current.Output, threshold);
        var failure = current.FailureDetails is null ? null : EventSerializer.SerializeObject(current.FailureDetails);
        var final = InstanceRows.IsFinal(current.OrchestrationStatus);

        // The custom status (when it changed) and, after continue-as-new, the input are set by the same statement: one
        // statement per episode instead of up to three.
        var setStatus = replaced || current.Status?.Length > threshold || current.Status != workItem.StoredCustomStatus;
        var status = setStatus ? StoredText.Put(store, instanceId, current.Status, threshold) : default;
        var input = replaced ? StoredText.Put(store, instanceId, runtimeState.Input, threshold) : default;
        return store.Command("""
            UPDATE instances SET execution_id = $execution, status = $status, updated_at = $now, completed_at = $completed,
                output = $output, output_payload = $output_payload, failure = $failure,
                version = COALESCE($version, version), tags = COALESCE($tags, tags),
                custom_status = CASE WHEN $set_status THEN $custom_status ELSE custom_status END,
                custom_status_payload = CASE WHEN $set_status THEN $custom_status_payload ELSE custom_status_payload END,
                input = CASE WHEN $replaced THEN $input ELSE input END,
                input_payload = CASE WHEN $replaced THEN $input_payload ELSE input_payload END,
                lock_token = NULL, lock_expires_at = NULL, abandon_count = 0, history_count = $history_count
            WHERE instance_id = $id AND lock_token = $token AND lock_expires_at > $now
            """)
            .With("$execution", executionId).With("$status", (int)current.OrchestrationStatus).With("$now", now)
            .With("$completed", final ? now : null).With("$output", output.Inline).With("$output_payload", output.PayloadId)
            .With("$failure", failure).With("$version", current.Version)
            .With("$tags", current.Tags is { Count: > 0 } tags ? EventSerializer.SerializeObject(tags) : null)
            .With("$set_status", setStatus).With("$custom_status", status.Inline).With("$custom_status_payload", status.PayloadId)
            .With("$replaced", replaced).With("$input", input.Inline).With("$input_payload", input.PayloadId)
            .With("$history_count", replaced ? runtimeState.Events.Count : workItem.StoredHistoryCount + runtimeState.NewEvents.Count)
            .With("$id", instanceId).With("$token", workItem.LockToken)
            .ExecuteNonQuery() > 0;
    }
}
