using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Engine.Schedules;

/// <summary>Whether a schedule's previous run is still going (pending, running or suspended); false when it is gone.</summary>
public sealed class ScheduledRunStatusActivity(DurableTaskClient client) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        var metadata = await client.GetInstanceAsync(input, CancellationToken.None);
        return metadata is not null && RunService.ToStatus(metadata.RuntimeStatus) is RunStatus.Pending or RunStatus.Running or RunStatus.Suspended;
    }
}
