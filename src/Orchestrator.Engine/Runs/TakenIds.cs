using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Orchestrator.Engine.Runs;

/// <summary>
/// Starts that the backend refuses when the instance id exists in any state (purge frees it), with
/// <c>OrchestrationAlreadyExistsException</c>: the task hub decides which of several processes starting one id at once
/// wins, not the memory of one of them (docs/scale-out.md#idempotent-starts).
/// </summary>
internal static class TakenIds
{
    private static readonly OrchestrationRuntimeStatus[] AnyStatus =
    [
        OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
    ];

    /// <summary>The options of a start under <paramref name="instanceId"/> that must not replace an instance with that id.</summary>
    public static StartOrchestrationOptions Options(string instanceId) => new StartOrchestrationOptions(instanceId).WithDedupeStatuses(AnyStatus);
}
