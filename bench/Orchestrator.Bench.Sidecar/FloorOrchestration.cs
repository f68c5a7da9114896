using DurableTask.Core;

namespace Orchestrator.Bench.Sidecar;

/// <summary>Three no-op activities in sequence, written against DTFx directly.</summary>
internal sealed class FloorOrchestration : TaskOrchestration<int, int>
{
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        var x = await context.ScheduleTask<int>(typeof(FloorActivity), input);
        x = await context.ScheduleTask<int>(typeof(FloorActivity), x);
        return await context.ScheduleTask<int>(typeof(FloorActivity), x);
    }
}
