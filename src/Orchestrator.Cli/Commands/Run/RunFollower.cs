using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>
/// Polls a run until it ends. For a workflow with steps, each step's own run is read too, and a step is read to its
/// end before the next step's line is printed, so the lines come in the order things happened.
/// </summary>
internal static class RunFollower
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls and prints every change; returns the finished run.</summary>
    public static async Task<RunRecord> FollowAsync(RunService runs, string runId, ProgressPrinter printer, CancellationToken cancellationToken)
    {
        var lastStep = 0;
        while (true)
        {
            var run = await GetAsync(runs, runId, cancellationToken);
            var step = run.Progress?.Step ?? 0;

            // Steps that ended since the last poll are printed to their end before the step running now.
            for (var ended = Math.Max(lastStep, 1); ended < step; ended++)
            {
                await PrintStepAsync(runs, runId, ended, run.Progress!.Steps, printer, cancellationToken);
            }

            lastStep = Math.Max(lastStep, step);
            printer.Update(run);
            if (step > 0)
            {
                await PrintStepAsync(runs, runId, step, run.Progress!.Steps, printer, cancellationToken);
            }

            if (run.IsTerminal)
            {
                return run;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static async Task PrintStepAsync(RunService runs, string runId, int step, int? steps, ProgressPrinter printer, CancellationToken cancellationToken)
    {
        if (await runs.GetAsync(WorkflowOrchestrator.StepRunId(runId, step), cancellationToken) is { } stepRun)
        {
            printer.StepStarted(step, steps, stepRun.Progress?.Plugin);
            printer.Update(stepRun);
        }
    }

    private static async Task<RunRecord> GetAsync(RunService runs, string runId, CancellationToken cancellationToken) =>
        await runs.GetAsync(runId, cancellationToken) ?? throw runs.RunNotFound(runId);
}
