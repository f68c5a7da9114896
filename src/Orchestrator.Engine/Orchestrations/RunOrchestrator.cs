using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask;
using Orchestrator.Abstractions.Context;
using Orchestrator.Engine.Activities;
using Orchestrator.Engine.Payloads;
using Orchestrator.Engine.Telemetry;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>
/// Runs one plugin's phases: in order, equal-order parallel phases fanned out and in, approval phases gated by
/// events, each attempt one <c>&lt;plugin&gt;.&lt;phase&gt;</c> activity call, retries with durable-timer backoff.
/// Deterministic: time comes from the orchestration clock, everything else from the pinned input.
/// </summary>
public sealed class RunOrchestrator(EngineMetrics metrics) : TaskOrchestrator<RunInput, RunOutput>
{
    /// <summary>The longest wait between two attempts.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    // Decisions for other gates can only come from approvals that raced each other; the bound keeps a flood of them
    // from growing the history without end.
    private const int MaxDroppedDecisions = 100;

    public override async Task<RunOutput> RunAsync(TaskOrchestrationContext context, RunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        // A workflow's steps are counted as the workflow's run (WorkflowOrchestrator), not as runs of their own.
        var target = input.Workflow ?? input.Plugin.Name;
        var counted = input.ParentRunId is null;
        if (counted)
        {
            metrics.RunEpisode(context.InstanceId, target, first: !context.IsReplaying);
        }

        var span = new RunSpan(target, input.Plugin.Name, input.Plugin.Version, input.Workflow, input.RetryOf, input.CreatedAt);
        try
        {
            var output = await RunPhasesAsync(context, input);
            Ended(context, input, span, counted, null);
            return output;
        }
        catch (Exception ex)
        {
            Ended(context, input, span, counted, ex);
            throw;
        }
    }

    // The end is seen once outside replay: the episode that returns or throws for the first time.
    private void Ended(TaskOrchestrationContext context, RunInput input, RunSpan span, bool counted, Exception? failure)
    {
        if (context.IsReplaying)
        {
            return;
        }

        if (counted)
        {
            metrics.RunEnded(context.InstanceId, span.Target, failure is null);
        }

        RunSpans.End(context, input.Trace, span, failure);
    }

    private static async Task<RunOutput> RunPhasesAsync(TaskOrchestrationContext context, RunInput input)
    {
        var run = new RunState(context, input);
        run.Publish();
        foreach (var (parallel, phases) in ExecutionGroup.Of(input))
        {
            var outcomes = new List<PhaseOutcome>(phases.Length);
            if (parallel)
            {
                foreach (var phase in phases.Where(p => p.Approval))
                {
                    await WaitForApprovalAsync(context, input, run, phase);
                }

                var snapshot = run.Context;
                outcomes.AddRange(await Task.WhenAll(phases.Select(p => RunPhaseAsync(context, input, run, p, snapshot))));
                outcomes.ForEach(run.Merge);
                await ThrowIfHistoryFullAsync(run, phases[^1]);
            }
            else
            {
                foreach (var phase in phases)
                {
                    if (phase.Approval)
                    {
                        await WaitForApprovalAsync(context, input, run, phase);
                    }

                    var outcome = await RunPhaseAsync(context, input, run, phase, run.Context);
                    run.Merge(outcome);
                    await ThrowIfHistoryFullAsync(run, phase);
                    outcomes.Add(outcome);
                    if (!outcome.Succeeded && phase.Required)
                    {
                        break;
                    }
                }
            }

            if (outcomes.FirstOrDefault(o => !o.Succeeded && o.Plan.Required) is { } failed)
            {
                throw await run.FailAsync(
                    $"phase '{failed.Plan.Name}' of plugin '{input.Plugin.Name}' failed after {failed.Attempts} attempt(s): {failed.LastError}");
            }
        }

        var output = run.Output();
        run.Publish();
        return output;
    }

    // Over the limit, the next message the sidecar hands the worker (the whole history) or the run's output could not be
    // delivered, and the run would hang retrying it (docs/running-workflows.md#large-outputs-and-limits).
    private static async Task ThrowIfHistoryFullAsync(RunState run, PhasePlan last)
    {
        if (run.ResultCharacters > PhaseResultLimit.MaxRunResultCharacters)
        {
            throw await run.FailAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"after phase '{last.Name}' the phase results the run keeps in its history are {run.ResultCharacters:N0} characters of JSON, over the limit of {PhaseResultLimit.MaxRunResultCharacters:N0} for one run (the history travels in one gRPC message); lower Engine:PayloadThreshold so that more values are stored by reference"));
        }
    }

    internal static TimeSpan RetryDelay(PhasePlan plan, int failedAttempt)
    {
        var factor = Math.Pow(2, Math.Min(failedAttempt - 1, 30));
        var delay = plan.RetryInterval.TotalMilliseconds * factor;
        return delay >= MaxRetryDelay.TotalMilliseconds ? MaxRetryDelay : TimeSpan.FromMilliseconds(delay);
    }

    private static async Task<PhaseOutcome> RunPhaseAsync(
        TaskOrchestrationContext context, RunInput input, RunState run, PhasePlan plan, PhaseContextInput shared)
    {
        var startedAt = run.Now;
        var errors = new List<PhaseError>();
        for (var attempt = 1; attempt <= plan.MaxAttempts; attempt++)
        {
            run.AttemptStarted(plan, attempt);

            // A call made while replaying was scheduled, input and all, in an earlier episode: the framework serializes
            // the input it is given again only to drop it, which for a phase's input cost more than the rest of the
            // replay. A replay passes none.
            var activityInput = context.IsReplaying ? null : new PhaseActivityInput
            {
                Plugin = input.Plugin,
                Phase = plan.Name,
                Attempt = attempt,
                Input = input.Input,
                InputDefaults = PayloadReference.IsReference(input.Input) ? input.InputDefaults : null,
                Config = plan.Config,
                Context = shared,
                WorkingDirectory = input.Workspace,
                TraceParent = (input.Trace ?? RunTrace.Derived(context.InstanceId)).TraceParent,
            };
            string message;
            var retryable = true;
            try
            {
                var result = await CallWithBackstopAsync(context, input, plan, activityInput);
                return new PhaseOutcome(plan, result, [.. errors], startedAt, run.Now, attempt) { SentChanges = shared.Changes.Length };
            }
            catch (TaskFailedException ex)
            {
                message = ex.FailureDetails.ErrorMessage;
                retryable = !ex.FailureDetails.IsCausedBy<NonRetryablePhaseException>();
            }
            catch (TimeoutException ex)
            {
                message = ex.Message;
            }

            var error = new PhaseError(plan.Name, message, attempt, run.Now, plan.Required);
            errors.Add(error);
            run.AttemptFailed(plan, error);
            if (!retryable)
            {
                return new PhaseOutcome(plan, null, [.. errors], startedAt, run.Now, attempt);
            }

            if (attempt < plan.MaxAttempts)
            {
                await context.CreateTimer(RetryDelay(plan, attempt), CancellationToken.None);
            }
        }

        return new PhaseOutcome(plan, null, [.. errors], startedAt, run.Now, plan.MaxAttempts);
    }

    // The executor enforces the timeout inside the activity; these durable timers end the attempt when no answer
    // comes at all (the executor hung, or the worker vanished and the backend never handed the work out again). The
    // first waits for the attempt and the margin. On a backend that redelivers the work of a worker that died, a second
    // one then waits for the redelivery and a whole redelivered attempt, measured from the episode that saw the first
    // fire: an episode runs only while the backend is up, so however long a crash kept it down, the attempt it cut off
    // is handed out again within the redelivery time of that moment and a crash never fails a phase that still runs
    // (docs/running-workflows.md#crashes-and-resuming).
    private static async Task<PhaseActivityResult> CallWithBackstopAsync(
        TaskOrchestrationContext context, RunInput input, PhasePlan plan, PhaseActivityInput? activityInput)
    {
        var call = context.CallActivityAsync<PhaseActivityResult>(plan.ActivityName(input.Plugin.Name), activityInput);
        if (plan.Timeout is not { } timeout)
        {
            return await call;
        }

        if (await AnsweredWithinAsync(context, call, timeout + input.TimeoutMargin))
        {
            return await call;
        }

        if (input.Redelivery > TimeSpan.Zero && await AnsweredWithinAsync(context, call, input.Redelivery + timeout + input.TimeoutMargin))
        {
            return await call;
        }

        var redelivery = input.Redelivery > TimeSpan.Zero
            ? $", then the backend's redelivery time of {input.Redelivery} and another {timeout} plus {input.TimeoutMargin} for a redelivered attempt"
            : string.Empty;
        throw new TimeoutException(
            $"phase '{plan.Name}' gave no answer within its timeout of {timeout} plus a {input.TimeoutMargin} margin{redelivery}; the attempt was abandoned");
    }

    private static async Task<bool> AnsweredWithinAsync(TaskOrchestrationContext context, Task call, TimeSpan wait)
    {
        using var cancelTimer = new CancellationTokenSource();
        var timer = context.CreateTimer(wait, cancelTimer.Token);
        if (await Task.WhenAny(call, timer) != call)
        {
            return false;
        }

        CancelOnOrchestrationThread(cancelTimer);
        return true;
    }

    private static async Task WaitForApprovalAsync(TaskOrchestrationContext context, RunInput input, RunState run, PhasePlan plan)
    {
        if (input.AutoApprove)
        {
            run.Approved(plan.Name, JsonSerializer.SerializeToElement(new { approved = true, automatic = true }));
            return;
        }

        run.WaitingForApproval(plan.Name);
        for (var dropped = 0; dropped <= MaxDroppedDecisions; dropped++)
        {
            using var cancelWaits = new CancellationTokenSource();
            var approve = context.WaitForExternalEvent<JsonElement?>(OrchestrationNames.ApproveEvent, cancelWaits.Token);
            var reject = context.WaitForExternalEvent<JsonElement?>(OrchestrationNames.RejectEvent, cancelWaits.Token);
            var winner = await Task.WhenAny(approve, reject);
            CancelOnOrchestrationThread(cancelWaits);

            // A decision for another gate (sent while an earlier gate waited, or raised by hand) is dropped: only a
            // decision naming this gate opens it.
            if (GateDecision.Read(await winner) is not { } decision || decision.Phase != plan.Name)
            {
                continue;
            }

            if (winner == approve)
            {
                run.Approved(plan.Name, decision.Payload);
                return;
            }

            var reason = string.IsNullOrWhiteSpace(decision.Reason) ? "no reason given" : decision.Reason;
            run.Rejected(plan, reason);
            throw await run.FailAsync($"approval phase '{plan.Name}' was rejected: {reason}");
        }

        throw await run.FailAsync($"approval phase '{plan.Name}' received more than {MaxDroppedDecisions} decisions that did not name it; approve or reject it through the API or 'orchestrator runs'");
    }

    // CancelAsync runs the callbacks on the thread pool, and the await resumes there, off the orchestration's
    // single thread: the replay then diverges. Cancel synchronously.
#pragma warning disable CA1849
    private static void CancelOnOrchestrationThread(CancellationTokenSource source) => source.Cancel();
#pragma warning restore CA1849
}
