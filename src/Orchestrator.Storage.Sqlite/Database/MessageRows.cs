using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>Messages to orchestrations and activity tasks: what is delivered, what is dropped and why.</summary>
internal sealed class MessageRows(SqliteStore store, long now, int threshold, ILogger logger)
{
    private static readonly OrchestrationStatus[] NotFinal =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended, OrchestrationStatus.ContinuedAsNew];

    /// <summary>Whether a message was inserted for an orchestration (the orchestration dispatcher has work).</summary>
    public bool OrchestrationWork { get; private set; }

    /// <summary>Whether an activity task was inserted.</summary>
    public bool ActivityWork { get; private set; }

    /// <summary>
    /// Creates (or replaces) an instance for a start message. An existing instance whose status is in
    /// <paramref name="dedupeStatuses"/> is kept: the client gets <see cref="OrchestrationAlreadyExistsException"/>, a
    /// sub-orchestration start is dropped (the parent is not failed twice for one id).
    /// </summary>
    public void Create(TaskMessage message, OrchestrationStatus[]? dedupeStatuses, bool fromClient)
    {
        var started = (ExecutionStartedEvent)message.Event;
        var instanceId = message.OrchestrationInstance.InstanceId;
        started.OrchestrationInstance ??= message.OrchestrationInstance;
        if (InstanceRows.Find(store, instanceId) is { } existing)
        {
            if (dedupeStatuses is not null && dedupeStatuses.Contains(existing.Status))
            {
                if (fromClient)
                {
                    throw new OrchestrationAlreadyExistsException(
                        $"An orchestration with id '{instanceId}' already exists. It's in the {existing.Status} state.");
                }

                logger.SubOrchestrationExists(instanceId, existing.Status.ToString());
                return;
            }

            InstanceRows.Delete(store, instanceId);
        }

        InstanceRows.Insert(store, started, now, threshold);
        Insert(instanceId, started.OrchestrationInstance.ExecutionId, started, VisibleAt(started));
    }

    /// <summary>
    /// Delivers a message to an orchestration. Dropped when the instance does not exist, has finished (only a start
    /// restarts it), or the message belongs to an earlier execution (after continue-as-new).
    /// </summary>
    public void Send(TaskMessage message)
    {
        var instanceId = message.OrchestrationInstance?.InstanceId
            ?? throw new ArgumentException("The message names no orchestration instance.", nameof(message));
        if (message.Event is ExecutionStartedEvent)
        {
            Create(message, NotFinal, fromClient: false);
            return;
        }

        var executionId = message.OrchestrationInstance.ExecutionId is { Length: > 0 } id ? id : null;
        var json = EventSerializer.Serialize(message.Event);
        if (json.Length <= threshold)
        {
            // The usual case in one statement: inserted only when the instance can take it.
            var inserted = store.Command($"""
                INSERT INTO messages (instance_id, execution_id, event_type, visible_at, data)
                SELECT $id, $execution, $type, $visible, $data FROM instances
                WHERE instance_id = $id AND status NOT IN ({InstanceRows.FinalStatuses}) AND ($execution IS NULL OR execution_id = $execution)
                """)
                .With("$id", instanceId).With("$execution", executionId).With("$type", (int)message.Event.EventType)
                .With("$visible", VisibleAt(message.Event)).With("$data", json)
                .ExecuteNonQuery();
            if (inserted > 0)
            {
                OrchestrationWork = true;
            }
            else
            {
                logger.DroppedMessage(message.Event.EventType.ToString(), instanceId, WhyNotDelivered(instanceId, executionId));
            }

            return;
        }

        if (InstanceRows.Find(store, instanceId) is { } row && !InstanceRows.IsFinal(row.Status) && (executionId is null || executionId == row.ExecutionId))
        {
            Insert(instanceId, executionId, message.Event, VisibleAt(message.Event));
            return;
        }

        logger.DroppedMessage(message.Event.EventType.ToString(), instanceId, WhyNotDelivered(instanceId, executionId));
    }

    private string WhyNotDelivered(string instanceId, string? executionId) => InstanceRows.Find(store, instanceId) switch
    {
        null => "the instance does not exist",
        { } row when InstanceRows.IsFinal(row.Status) => $"the instance is {row.Status}",
        { } row => $"it belongs to execution {executionId}, not the current {row.ExecutionId}",
    };

    /// <param name="message">The task's message.</param>
    /// <param name="json">Its event as serialized already, when it is.</param>
    public void AddTask(TaskMessage message, string? json = null)
    {
        var instance = message.OrchestrationInstance;
        var data = StoredText.Put(store, instance.InstanceId, json ?? EventSerializer.Serialize(message.Event), threshold);
        store.Command("INSERT INTO tasks (instance_id, execution_id, data, payload_id, available_at) VALUES ($id, $execution, $data, $payload, $now)")
            .With("$id", instance.InstanceId)
            .With("$execution", instance.ExecutionId)
            .With("$data", data.Inline)
            .With("$payload", data.PayloadId)
            .With("$now", now)
            .ExecuteNonQuery();
        ActivityWork = true;
    }

    private void Insert(string instanceId, string? executionId, HistoryEvent historyEvent, long visibleAt)
    {
        var data = StoredText.Put(store, instanceId, EventSerializer.Serialize(historyEvent), threshold);
        store.Command("""
            INSERT INTO messages (instance_id, execution_id, event_type, visible_at, data, payload_id)
            VALUES ($id, $execution, $type, $visible, $data, $payload)
            """)
            .With("$id", instanceId)
            .With("$execution", executionId)
            .With("$type", (int)historyEvent.EventType)
            .With("$visible", visibleAt)
            .With("$data", data.Inline)
            .With("$payload", data.PayloadId)
            .ExecuteNonQuery();
        OrchestrationWork = true;
    }

    private long VisibleAt(HistoryEvent historyEvent) => historyEvent switch
    {
        ExecutionStartedEvent { ScheduledStartTime: { } at } => Math.Max(now, at.ToUnixMs()),
        TimerFiredEvent timer => Math.Max(now, timer.FireAt.ToUnixMs()),
        _ => now,
    };
}
