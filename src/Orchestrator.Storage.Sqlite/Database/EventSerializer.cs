using DurableTask.Core;
using DurableTask.Core.History;
using Newtonsoft.Json;

namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>
/// History events as JSON without type names (the event type is its own column): no type names means no types loaded
/// by name from the database, and a subclass the gRPC sidecar uses internally is stored as the DTFx event it extends.
/// </summary>
internal static class EventSerializer
{
    private static readonly JsonSerializerSettings Settings = new()
    {
        TypeNameHandling = TypeNameHandling.None,
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        DateParseHandling = DateParseHandling.DateTime,
        NullValueHandling = NullValueHandling.Ignore,
        MaxDepth = 128,
    };

    private static readonly Dictionary<EventType, Type> Types = new()
    {
        [EventType.ExecutionStarted] = typeof(ExecutionStartedEvent),
        [EventType.ExecutionCompleted] = typeof(ExecutionCompletedEvent),
        [EventType.ExecutionTerminated] = typeof(ExecutionTerminatedEvent),
        [EventType.ExecutionSuspended] = typeof(ExecutionSuspendedEvent),
        [EventType.ExecutionResumed] = typeof(ExecutionResumedEvent),
        [EventType.ExecutionRewound] = typeof(ExecutionRewoundEvent),
        [EventType.TaskScheduled] = typeof(TaskScheduledEvent),
        [EventType.TaskCompleted] = typeof(TaskCompletedEvent),
        [EventType.TaskFailed] = typeof(TaskFailedEvent),
        [EventType.SubOrchestrationInstanceCreated] = typeof(SubOrchestrationInstanceCreatedEvent),
        [EventType.SubOrchestrationInstanceCompleted] = typeof(SubOrchestrationInstanceCompletedEvent),
        [EventType.SubOrchestrationInstanceFailed] = typeof(SubOrchestrationInstanceFailedEvent),
        [EventType.TimerCreated] = typeof(TimerCreatedEvent),
        [EventType.TimerFired] = typeof(TimerFiredEvent),
        [EventType.OrchestratorStarted] = typeof(OrchestratorStartedEvent),
        [EventType.OrchestratorCompleted] = typeof(OrchestratorCompletedEvent),
        [EventType.EventSent] = typeof(EventSentEvent),
        [EventType.EventRaised] = typeof(EventRaisedEvent),
        [EventType.ContinueAsNew] = typeof(ContinueAsNewEvent),
        [EventType.GenericEvent] = typeof(GenericEvent),
        [EventType.HistoryState] = typeof(HistoryStateEvent),
    };

    public static string Serialize(HistoryEvent historyEvent)
    {
        ArgumentNullException.ThrowIfNull(historyEvent);
        var type = TypeOf(historyEvent.EventType);

        // Serialize as the DTFx type the event type names, so a subclass's own members never reach the database.
        return JsonConvert.SerializeObject(historyEvent, type, Settings);
    }

    public static HistoryEvent Deserialize(EventType eventType, string json) =>
        (HistoryEvent)(JsonConvert.DeserializeObject(json, TypeOf(eventType), Settings)
            ?? throw new JsonSerializationException($"The stored {eventType} event is empty."));

    public static string SerializeObject(object value) => JsonConvert.SerializeObject(value, Settings);

    public static T? DeserializeObject<T>(string? json) => json is null ? default : JsonConvert.DeserializeObject<T>(json, Settings);

    public static TaskMessage Message(long sequenceNumber, string instanceId, string? executionId, HistoryEvent historyEvent) => new()
    {
        SequenceNumber = sequenceNumber,
        Event = historyEvent,
        OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = executionId },
    };

    private static Type TypeOf(EventType eventType) =>
        Types.TryGetValue(eventType, out var type)
            ? type
            : throw new NotSupportedException($"History events of type {eventType} are not supported by the SQLite store.");
}
