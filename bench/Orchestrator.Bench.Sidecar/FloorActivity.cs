using DurableTask.Core;

namespace Orchestrator.Bench.Sidecar;

/// <summary>Returns its input.</summary>
internal sealed class FloorActivity : TaskActivity<int, int>
{
    protected override int Execute(TaskContext context, int input) => input;
}
