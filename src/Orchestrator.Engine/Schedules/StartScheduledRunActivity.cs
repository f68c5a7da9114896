using Microsoft.DurableTask;
using Orchestrator.Abstractions;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Engine.Schedules;

/// <summary>
/// Starts a scheduled run through <see cref="RunService.StartAsync"/>, which checks it like any start and returns the
/// existing run when one has the id already: a fire handled twice (a redelivered activity) starts one run.
/// </summary>
public sealed class StartScheduledRunActivity(RunService runs) : TaskActivity<ScheduledStart, ScheduledStartResult>
{
    public override async Task<ScheduledStartResult> RunAsync(TaskActivityContext context, ScheduledStart input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new RunRequest
        {
            Target = input.Workflow,
            TargetKind = RunTargetKind.Workflow,
            RunId = input.RunId,
            Input = input.Input,
            Config = input.Config,
            AutoApprove = input.AutoApprove,
        };
        try
        {
            return new ScheduledStartResult(await runs.StartAsync(request, CancellationToken.None), null);
        }
        catch (RunRequestException ex)
        {
            return new ScheduledStartResult(null, $"run {input.RunId} could not start: {string.Join("; ", ex.Problems)}");
        }
        catch (OrchestratorException ex)
        {
            return new ScheduledStartResult(null, $"run {input.RunId} could not start: {ex.Message}");
        }
    }
}
