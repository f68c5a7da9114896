using System.Collections.Immutable;
using System.Globalization;
using Microsoft.DurableTask;
using Orchestrator.Engine.Payloads;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Telemetry;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>Runs a workflow's steps in sequence as sub-orchestrations; each step's result is the next step's input.</summary>
public sealed class WorkflowOrchestrator(EngineMetrics metrics) : TaskOrchestrator<WorkflowInput, RunOutput>
{
    /// <summary>The instance id of step <paramref name="step"/> (1-based) of a workflow run.</summary>
    public static string StepRunId(string runId, int step) => RunIds.Step(runId, step);

    public override async Task<RunOutput> RunAsync(TaskOrchestrationContext context, WorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        metrics.RunEpisode(context.InstanceId, input.Workflow, first: !context.IsReplaying);
        var trace = input.Trace ?? RunTrace.Derived(context.InstanceId);
        var span = new RunSpan(input.Workflow, null, null, input.Workflow, null, input.CreatedAt);
        try
        {
            var output = await RunStepsAsync(context, input, trace);
            Ended(context, trace, span, null);
            return output;
        }
        catch (Exception ex)
        {
            Ended(context, trace, span, ex);
            throw;
        }
    }

    private void Ended(TaskOrchestrationContext context, RunTrace trace, RunSpan span, Exception? failure)
    {
        if (!context.IsReplaying)
        {
            metrics.RunEnded(context.InstanceId, span.Target, failure is null);
            RunSpans.End(context, trace, span, failure);
        }
    }

    private static async Task<RunOutput> RunStepsAsync(TaskOrchestrationContext context, WorkflowInput input, RunTrace trace)
    {
        var steps = ImmutableArray.CreateBuilder<StepOutput>(input.Steps.Length);
        var next = input.Input;
        for (var i = 0; i < input.Steps.Length; i++)
        {
            var step = input.Steps[i] with
            {
                CreatedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero),
                // A result stored by reference is merged with the step's defaults by its phase activity, which can read it.
                Input = PayloadReference.IsReference(next) ? next : InputMerge.Merge(input.Steps[i].InputDefaults, next),
                ParentRunId = context.InstanceId,
                Trace = trace.Step(StepRunId(context.InstanceId, i + 1)),
            };
            var stepId = StepRunId(context.InstanceId, i + 1);
            context.SetCustomStatus(new RunProgress
            {
                Plugin = step.Plugin.Name,
                Step = i + 1,
                Steps = input.Steps.Length,
                Summary = string.Create(CultureInfo.InvariantCulture, $"step {i + 1}/{input.Steps.Length}: {step.Plugin.Name} ({stepId})"),
            });
            RunOutput output;
            try
            {
                output = await context.CallSubOrchestratorAsync<RunOutput>(
                    OrchestrationNames.Run, step, new SubOrchestrationOptions { InstanceId = stepId });
            }
            catch (TaskFailedException ex)
            {
                var message = string.Create(
                    CultureInfo.InvariantCulture, $"step {i + 1} ({step.Plugin.Name}, run {stepId}) failed: {ex.FailureDetails.ErrorMessage}");
                context.SetCustomStatus(new RunProgress { Plugin = step.Plugin.Name, Step = i + 1, Steps = input.Steps.Length, Summary = $"failed: {message}" });
                throw new RunFailedException(message);
            }

            steps.Add(new StepOutput(step.Plugin.Name, stepId, output));
            next = output.Result;
        }

        var last = steps.Count > 0 ? steps[^1].Output : null;
        context.SetCustomStatus(new RunProgress { Plugin = steps.Count > 0 ? steps[^1].Plugin : null, Step = steps.Count, Steps = input.Steps.Length, Summary = $"{steps.Count}/{input.Steps.Length} steps done" });
        return new RunOutput
        {
            SharedData = last?.SharedData ?? Abstractions.Context.SharedData.Empty,
            Workspace = input.Workspace,
            Artifacts = [.. steps.SelectMany(s => s.Output.Artifacts).Distinct(StringComparer.Ordinal)],
            Result = last?.Result,
            Steps = steps.ToImmutable(),
        };
    }
}
