using Microsoft.DurableTask;

namespace Orchestrator.Bench.Engine;

/// <summary>The baseline's activity: returns its input.</summary>
internal sealed class NoOpActivity : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
}
