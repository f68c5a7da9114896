using DurableTask.Core;

namespace Orchestrator.Sidecar.Hardening;

/// <summary>
/// Defect 2 (docs/sidecar.md#2-no-lock-renewal) — no lock renewal: the vendored dispatchers never renew a work item's lock, so an activity longer than
/// the queue visibility timeout failed with storage errors and, after a restart, a completed orchestration's
/// activities all ran again. Every locked item is renewed until it is completed, abandoned or released. Work for
/// instances that no longer exist is dropped here (docs/sidecar.md#9-work-for-a-purged-instance-spins), and a failed
/// instance's completion event gets its failure details (docs/sidecar.md#7-failed-instances-lose-their-failure-details).
/// </summary>
internal sealed partial class HardenedOrchestrationService
{
    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await _inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        while (workItem is not null && await OrphanedWorkItems.IsOrphanedAsync(_inner, workItem))
        {
            // Work for an instance that no longer exists (docs/sidecar.md#9-work-for-a-purged-instance-spins).
            await OrphanedWorkItems.DropAsync(_inner, workItem, _logger);
            workItem = await _inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        }

        if (workItem is not null)
        {
            _renewer.Start(workItem, () => _inner.RenewTaskOrchestrationWorkItemLockAsync(workItem));
        }

        return workItem!;
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) =>
        _inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        await _renewer.StopAsync(workItem);
        SubOrchestrationRepair.Apply(newOrchestrationRuntimeState, orchestratorMessages);
        FailureDetailsRepair.Record(newOrchestrationRuntimeState, orchestrationState);
        await _inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await _renewer.StopAsync(workItem);
        await _inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    }

    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await _renewer.StopAsync(workItem);
        await _inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    }

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await _inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        if (workItem is not null)
        {
            _renewer.Start(workItem, () => _inner.RenewTaskActivityWorkItemLockAsync(workItem));
        }

        return workItem!;
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        _inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await _renewer.StopAsync(workItem);
        await _inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await _renewer.StopAsync(workItem);
        await _inner.AbandonTaskActivityWorkItemAsync(workItem);
    }
}
