using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Sidecar.Hardening;

/// <summary>
/// Defect 9 (docs/sidecar.md#9-work-for-a-purged-instance-spins) — a message for an instance that no longer exists (a
/// timer of a purged instance firing, say) gives a work item with no history and no start. The vendored dispatcher
/// throws on it ("Could not find an orchestration instance ID") and abandons it, and the memory backend hands it
/// straight back: ~100 % CPU and thousands of log lines a second, forever. Upstream's dispatcher is unchanged. Here such
/// a work item is dropped before the dispatcher sees it, with one log line. The memory backend takes an instance's
/// messages off when it locks them, so releasing the work item drops them; Azure Storage discards such work itself
/// and the sqlite store deletes an instance's messages with the instance, so neither hands it out.
/// </summary>
internal static class OrphanedWorkItems
{
    /// <summary>
    /// Whether the work item is for an instance that does not exist: no history, no start among its messages, and no
    /// instance the backend knows of (an instance whose start is scheduled later exists, and its early events are kept).
    /// </summary>
    public static async Task<bool> IsOrphanedAsync(IOrchestrationService service, TaskOrchestrationWorkItem workItem)
    {
        if (workItem.OrchestrationRuntimeState?.ExecutionStartedEvent is not null || (workItem.NewMessages ?? []).Any(m => m.Event is ExecutionStartedEvent))
        {
            return false;
        }

        return service is not IOrchestrationServiceClient client || await client.GetOrchestrationStateAsync(workItem.InstanceId, executionId: null) is null;
    }

    /// <summary>Drops the work item once and says so in one line.</summary>
    public static async Task DropAsync(IOrchestrationService service, TaskOrchestrationWorkItem workItem, ILogger logger)
    {
        var events = string.Join(", ", (workItem.NewMessages ?? []).Select(m => m.Event.EventType).Distinct());
        logger.DroppedOrphanedWork(workItem.InstanceId, events);
        await service.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    }
}
