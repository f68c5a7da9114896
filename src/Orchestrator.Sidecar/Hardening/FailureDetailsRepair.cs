using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Testing.Sidecar;
using Newtonsoft.Json.Linq;
using P = Microsoft.DurableTask.Protobuf;

namespace Orchestrator.Sidecar.Hardening;

/// <summary>
/// Defect 7 (docs/sidecar.md#7-failed-instances-lose-their-failure-details) — the vendored dispatcher puts a failed
/// instance's failure details only into the status object it hands the backend, and records the completion event with
/// none (upstream's current dispatcher still does: "Failure details aren't being stored in the orchestration history").
/// The memory and sqlite backends keep that status object; Azure Storage builds its instance row from the history and
/// has no column for them, so its failed instances had none. Here the details are written into the completion event
/// (so every backend's history has them), and a failed instance read without details gets them from that event.
/// The vendored server's query answers carry no failure details on any backend; they are added here too.
/// </summary>
internal static class FailureDetailsRepair
{
    /// <summary>Before the work item completes: the completion event carries the failure details the status has.</summary>
    public static void Record(OrchestrationRuntimeState runtimeState, OrchestrationState? status)
    {
        if (status?.FailureDetails is not { } details || runtimeState?.ExecutionCompletedEvent is not { FailureDetails: null } completed)
        {
            return;
        }

        var replacement = new ExecutionCompletedEvent(completed.EventId, completed.Result, completed.OrchestrationStatus, details)
        {
            Timestamp = completed.Timestamp,
            IsPlayed = completed.IsPlayed,
        };
        Replace(runtimeState.Events, completed, replacement);
        Replace(runtimeState.NewEvents, completed, replacement);
        runtimeState.ExecutionCompletedEvent = replacement;
    }

    /// <summary>Gives a failed instance that has no failure details the ones its history records.</summary>
    public static async Task FillAsync(IOrchestrationServiceClient client, P.OrchestrationState? state)
    {
        if (state is not { OrchestrationStatus: P.OrchestrationStatus.Failed, FailureDetails: null })
        {
            return;
        }

        var stored = await client.GetOrchestrationStateAsync(state.InstanceId, executionId: null);
        if (stored?.FailureDetails is { } details)
        {
            state.FailureDetails = FailureDetailsProto.From(details);
            return;
        }

        if (stored?.OrchestrationInstance?.ExecutionId is not { } executionId || await HistoryAsync(client, state.InstanceId, executionId) is not { } history)
        {
            return;
        }

        // The completion event of the failed execution; its result is the output the other backends report (Azure
        // Storage's instance row holds "type: message" once the event has details).
        var completed = JArray.Parse(history).OfType<JObject>().LastOrDefault(IsCompletion);
        if (completed?[nameof(ExecutionCompletedEvent.FailureDetails)] is JObject recorded)
        {
            state.FailureDetails = FailureDetailsProto.From(recorded);
            state.Output = completed.Value<string?>(nameof(ExecutionCompletedEvent.Result));
        }
    }

    private static bool IsCompletion(JObject historyEvent) => historyEvent[nameof(HistoryEvent.EventType)] switch
    {
        JValue { Type: JTokenType.Integer } number => number.Value<int>() == (int)EventType.ExecutionCompleted,
        JValue { Type: JTokenType.String } name => name.Value<string>() == nameof(EventType.ExecutionCompleted),
        _ => false,
    };

    // The vendored memory backend has no history to read (its GetOrchestrationHistoryAsync throws); it keeps the
    // details in its status instead.
    private static async Task<string?> HistoryAsync(IOrchestrationServiceClient client, string instanceId, string executionId) =>
        client is InMemoryOrchestrationService ? null : await client.GetOrchestrationHistoryAsync(instanceId, executionId);

    private static void Replace(IList<HistoryEvent> events, HistoryEvent old, HistoryEvent replacement)
    {
        for (var i = events.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(events[i], old))
            {
                events[i] = replacement;
                return;
            }
        }
    }
}
