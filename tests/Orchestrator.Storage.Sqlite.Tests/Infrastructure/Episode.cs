using DurableTask.Core;
using DurableTask.Core.Common;
using DurableTask.Core.History;

namespace Orchestrator.Storage.Sqlite.Tests.Infrastructure;

/// <summary>Plays the dispatcher by hand: applies a locked work item's messages and completes it with chosen actions.</summary>
internal static class Episode
{
    public static Task CompleteAsync(SqliteOrchestrationService service, TaskOrchestrationWorkItem workItem, string? scheduleActivity = null, DateTime? timerAt = null)
    {
        var state = workItem.OrchestrationRuntimeState;
        state.AddEvent(new OrchestratorStartedEvent(-1));
        foreach (var message in workItem.NewMessages)
        {
            state.AddEvent(message.Event);
        }

        var activities = new List<TaskMessage>();
        var timers = new List<TaskMessage>();
        var nextId = state.Events.Count;
        if (scheduleActivity is not null)
        {
            var scheduled = new TaskScheduledEvent(nextId++, scheduleActivity, string.Empty, "\"x\"");
            state.AddEvent(scheduled);
            activities.Add(new TaskMessage { Event = scheduled, OrchestrationInstance = state.OrchestrationInstance });
        }

        if (timerAt is { } at)
        {
            state.AddEvent(new TimerCreatedEvent(nextId, at));
            timers.Add(new TaskMessage { Event = new TimerFiredEvent(-1, at) { TimerId = nextId }, OrchestrationInstance = state.OrchestrationInstance });
        }

        state.AddEvent(new OrchestratorCompletedEvent(-1));
        return service.CompleteTaskOrchestrationWorkItemAsync(workItem, state, activities, [], timers, null!, Utils.BuildOrchestrationState(state));
    }

    public static async Task<TaskOrchestrationWorkItem> LockAsync(SqliteOrchestrationService service) =>
        await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)
        ?? throw new TimeoutException("no orchestration work item within 30 s");

    public static async Task<TaskActivityWorkItem> LockActivityAsync(SqliteOrchestrationService service) =>
        await service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)
        ?? throw new TimeoutException("no activity work item within 30 s");
}
