using Microsoft.DurableTask.Client;

namespace Orchestrator.Sidecar.Tests.Infrastructure;

/// <summary>Waits by polling GetInstance (the Azure backend's own completion wait polls every 2 s).</summary>
internal static class ClientExtensions
{
    public static async Task<OrchestrationMetadata> WaitForStatusAsync(
        this DurableTaskClient client, string instanceId, OrchestrationRuntimeStatus status, TimeSpan deadline)
    {
        OrchestrationMetadata? last = null;
        await Eventually.TrueAsync(
            async () =>
            {
                last = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
                return last?.RuntimeStatus == status || (status != OrchestrationRuntimeStatus.Failed && last?.RuntimeStatus == OrchestrationRuntimeStatus.Failed);
            },
            deadline,
            () => $"instance {instanceId} did not reach {status}; last status {last?.RuntimeStatus.ToString() ?? "(none)"}");
        last!.RuntimeStatus.ShouldBe(status, $"instance {instanceId} failed: {last.FailureDetails?.ErrorMessage}");
        return last;
    }

    public static Task<OrchestrationMetadata> WaitForCompletedAsync(this DurableTaskClient client, string instanceId, TimeSpan? deadline = null) =>
        client.WaitForStatusAsync(instanceId, OrchestrationRuntimeStatus.Completed, deadline ?? TimeSpan.FromSeconds(60));
}
