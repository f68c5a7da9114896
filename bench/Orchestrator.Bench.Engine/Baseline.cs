using Microsoft.DurableTask;

namespace Orchestrator.Bench.Engine;

/// <summary>The hand-written baseline: an orchestrator calling three no-op activities.</summary>
internal sealed class Baseline : TaskOrchestrator<int, int>
{
    public const string Orchestration = "bench.baseline";
    public const string Activity = "bench.noop";

    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var total = input;
        total += await context.CallActivityAsync<int>(Activity, 1);
        total += await context.CallActivityAsync<int>(Activity, 2);
        total += await context.CallActivityAsync<int>(Activity, 3);
        return total;
    }
}
