using System.Text.Json;
using Microsoft.DurableTask.Client;
using Orchestrator.Abstractions;
using Orchestrator.Engine.Orchestrations;

namespace Orchestrator.Engine.Runs;

/// <summary>
/// Approving and rejecting: a decision goes only to the approval phase waiting now, and names it, so it can never open
/// a later gate (docs/running-workflows.md#approvals).
/// </summary>
public sealed partial class RunService
{
    /// <summary>Lets the run's waiting approval phase start.</summary>
    /// <param name="runId">The run, or a workflow run whose current step waits.</param>
    /// <param name="phase">The approval phase meant; null for whichever waits now.</param>
    /// <param name="payload">Handed to the run with the approval (metadata <c>approval.&lt;phase&gt;</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The gate approved: the run (the step's, for a workflow) and the phase.</returns>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    /// <exception cref="OrchestratorException">No approval phase waits, or another one than <paramref name="phase"/> does.</exception>
    /// <exception cref="InvalidValueException">The payload is one the engine cannot carry (docs/running-workflows.md#what-a-run-accepts).</exception>
    public async Task<Gate> ApproveAsync(string runId, string? phase, JsonElement? payload, CancellationToken cancellationToken)
    {
        InvalidValueException.ThrowIfInvalid(payload, "payload");
        var gate = await WaitingGateAsync(runId, phase, "approve", cancellationToken);
        await client.RaiseEventAsync(gate.RunId, OrchestrationNames.ApproveEvent, new GateDecision(gate.Phase, Payload: payload), cancellationToken);
        return gate;
    }

    /// <summary>Rejects the run's waiting approval phase, which fails the run with the reason.</summary>
    /// <param name="runId">The run, or a workflow run whose current step waits.</param>
    /// <param name="phase">The approval phase meant; null for whichever waits now.</param>
    /// <param name="reason">Why; the run fails with it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The gate rejected.</returns>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    /// <exception cref="OrchestratorException">No approval phase waits, or another one than <paramref name="phase"/> does.</exception>
    public async Task<Gate> RejectAsync(string runId, string? phase, string reason, CancellationToken cancellationToken)
    {
        var gate = await WaitingGateAsync(runId, phase, "reject", cancellationToken);
        await client.RaiseEventAsync(gate.RunId, OrchestrationNames.RejectEvent, new GateDecision(gate.Phase, Reason: reason), cancellationToken);
        return gate;
    }

    private async Task<Gate> WaitingGateAsync(string runId, string? phase, string action, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken) ?? throw RunNotFound(runId);
        var target = metadata;
        if (metadata.Name == OrchestrationNames.Workflow && !metadata.IsCompleted
            && ToRecord(metadata).Progress?.Step is { } step
            && await client.GetInstanceAsync(RunIds.Step(runId, step), getInputsAndOutputs: true, cancellationToken) is { } stepMetadata)
        {
            target = stepMetadata;
        }

        var run = ToRecord(target);
        var meant = phase is null ? string.Empty : $" '{phase}'";
        if (run.IsTerminal)
        {
            throw new OrchestratorException($"cannot {action}{meant}: run '{run.RunId}' is already {Describe(run.Status)}");
        }

        if (run.Progress?.WaitingForApproval is not { } waiting)
        {
            var now = run.Progress?.Summary is { } summary ? $" (now: {summary})" : string.Empty;
            throw new OrchestratorException(
                $"cannot {action}{meant}: run '{run.RunId}' is not waiting for approval{now}; {action} it when its status says 'waiting for approval: <phase>'");
        }

        if (phase is not null && phase != waiting)
        {
            throw new OrchestratorException(
                $"cannot {action} '{phase}': run '{run.RunId}' is waiting for approval of '{waiting}', not '{phase}'");
        }

        return new Gate(run.RunId, waiting);
    }
}
