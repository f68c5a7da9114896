using DurableTask.Core;
using Orchestrator.Storage.Sqlite.Database;

namespace Orchestrator.Storage.Sqlite;

/// <summary>Completing an orchestration episode: one transaction, rejected when the lock was lost.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <inheritdoc />
    /// <exception cref="SqliteLockLostException">The lock expired or another holder took it; nothing was written.</exception>
    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        var item = Ours(workItem);
        ArgumentNullException.ThrowIfNull(newOrchestrationRuntimeState);
        if (item.IsSettled)
        {
            throw LockLost($"orchestration '{item.InstanceId}'", "completed (it was already completed or abandoned)");
        }

        var checkpoint = new Checkpoint(item, newOrchestrationRuntimeState, outboundMessages ?? [], orchestratorMessages ?? [], timerMessages ?? [], continuedAsNewMessage, orchestrationState);
        var outcome = await EnsureOpen().WriteAsync(
            store => checkpoint.Apply(store, Now, _settings.PayloadThreshold, _logger, () => LockLost($"orchestration '{item.InstanceId}'", "completed")));

        item.Settle();
        if (outcome.Final || newOrchestrationRuntimeState.ExecutionStartedEvent is null)
        {
            _history.Remove(item.InstanceId);
        }
        else
        {
            _history.Store(item.InstanceId, newOrchestrationRuntimeState.OrchestrationInstance!.ExecutionId, newOrchestrationRuntimeState.Events);
        }
        if (outcome.ActivityWork)
        {
            _activitySignal.Set();
        }

        if (outcome.OrchestrationWork)
        {
            _orchestrationSignal.Set();
        }

        if (outcome.Final)
        {
            _waiters.Notify(item.InstanceId);
        }
    }
}
