using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Abstractions;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Workflows;

namespace Orchestrator.Engine.Schedules;

/// <summary>Lists and signals the schedules (the REST API and the CLI go through it) and reconciles them with the workflow files.</summary>
public sealed partial class ScheduleService(
    DurableTaskClient client, WorkflowCatalog workflows, IOptions<EngineOptions> options, TimeProvider time, ILogger<ScheduleService> logger)
{
    /// <summary>Every schedule kept now, by workflow name.</summary>
    public async Task<IReadOnlyList<ScheduleInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<ScheduleInfo>();
        await foreach (var metadata in Instances().WithCancellation(cancellationToken))
        {
            if (IsActive(metadata.RuntimeStatus))
            {
                result.Add(await InfoAsync(metadata, cancellationToken));
            }
        }

        return [.. result.OrderBy(s => s.Workflow, StringComparer.Ordinal)];
    }

    /// <exception cref="ScheduleNotFoundException">The workflow has no schedule.</exception>
    public async Task<ScheduleInfo> GetAsync(string workflow, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workflow);
        var metadata = await client.GetInstanceAsync(ScheduleNames.InstanceId(workflow), getInputsAndOutputs: true, cancellationToken);
        return metadata is { Name: ScheduleNames.Orchestration } && IsActive(metadata.RuntimeStatus)
            ? await InfoAsync(metadata, cancellationToken)
            : throw ScheduleNotFoundException.For(workflow);
    }

    /// <summary>Stops the schedule's fires until it is resumed; runs going now go on.</summary>
    /// <returns>The schedule as it will be.</returns>
    /// <exception cref="ScheduleNotFoundException">The workflow has no schedule.</exception>
    /// <exception cref="OrchestratorException">It is paused already.</exception>
    public async Task<ScheduleInfo> PauseAsync(string workflow, CancellationToken cancellationToken)
    {
        var schedule = await GetAsync(workflow, cancellationToken);
        if (schedule.Paused)
        {
            throw new OrchestratorException($"the schedule of workflow '{workflow}' is already paused; 'orchestrator schedules resume {workflow}' resumes it");
        }

        await SignalAsync(workflow, new ScheduleSignal(ScheduleSignalKind.Pause), cancellationToken);
        return schedule with { Paused = true, NextFire = null };
    }

    /// <summary>Lets the schedule fire again from now on; the fires that came while it was paused are not caught up.</summary>
    /// <returns>The schedule as it will be.</returns>
    /// <exception cref="ScheduleNotFoundException">The workflow has no schedule.</exception>
    /// <exception cref="OrchestratorException">It is not paused.</exception>
    public async Task<ScheduleInfo> ResumeAsync(string workflow, CancellationToken cancellationToken)
    {
        var schedule = await GetAsync(workflow, cancellationToken);
        if (!schedule.Paused)
        {
            throw new OrchestratorException($"the schedule of workflow '{workflow}' is not paused");
        }

        await SignalAsync(workflow, new ScheduleSignal(ScheduleSignalKind.Resume), cancellationToken);
        return schedule with { Paused = false };
    }

    /// <summary>Starts a run of the schedule now (also while paused, and whatever its overlap says).</summary>
    /// <returns>The id the run gets: it names the time of the trigger.</returns>
    /// <exception cref="ScheduleNotFoundException">The workflow has no schedule.</exception>
    public async Task<string> TriggerAsync(string workflow, CancellationToken cancellationToken)
    {
        _ = await GetAsync(workflow, cancellationToken);
        var at = time.GetUtcNow();
        await SignalAsync(workflow, new ScheduleSignal(ScheduleSignalKind.Trigger, At: at), cancellationToken);
        return ScheduleNames.TriggerRunId(workflow, at);
    }

    private Task SignalAsync(string workflow, ScheduleSignal signal, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(ScheduleNames.InstanceId(workflow), ScheduleNames.SignalEvent, signal, cancellationToken);

    private async Task<ScheduleInfo> InfoAsync(OrchestrationMetadata metadata, CancellationToken cancellationToken)
    {
        var status = Published(metadata);
        var active = status is not null;
        status ??= Initial(metadata);
        var lastRun = status.LastRunId is { } runId ? await client.GetInstanceAsync(runId, cancellationToken) : null;
        var definition = status.Definition;
        return new ScheduleInfo
        {
            Workflow = status.Workflow,
            Cron = definition.Cron,
            Timezone = definition.Timezone ?? "UTC",
            Overlap = definition.Overlap,
            Catchup = definition.Catchup,
            AutoApprove = definition.AutoApprove,
            Paused = status.Paused,
            NextFire = status.NextFire,
            LastFire = status.LastFire,
            LastRunId = status.LastRunId,
            LastRunStatus = lastRun is null ? null : RunService.ToStatus(lastRun.RuntimeStatus),
            BufferedFire = status.BufferedFire,
            SkippedFires = status.SkippedFires,
            LastError = status.LastError,
            Active = active,
        };
    }

    /// <summary>What the schedule published at its last generation; null before its first.</summary>
    private static ScheduleStatus? Published(OrchestrationMetadata metadata) =>
        metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<ScheduleStatus>();

    /// <summary>The status of a schedule no worker has taken up yet, from its input.</summary>
    private ScheduleStatus Initial(OrchestrationMetadata metadata)
    {
        var state = metadata.ReadInputAs<ScheduleState>() ?? throw new OrchestratorException($"schedule instance '{metadata.InstanceId}' has no input");
        return ScheduleStatus.Of(state, state.Paused ? null : ScheduleCron.Next(state.Definition, state.Cursor ?? time.GetUtcNow()));
    }

    private IAsyncEnumerable<OrchestrationMetadata> Instances() =>
        client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = ScheduleNames.InstancePrefix, FetchInputsAndOutputs = true, PageSize = 100 })
            .Where(m => m.Name == ScheduleNames.Orchestration && ScheduleNames.WorkflowOf(m.InstanceId) is not null);

    // A schedule never completes: between two generations it may read as continued-as-new, which is still active.
    private static bool IsActive(OrchestrationRuntimeStatus status) =>
        status is not (OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated);
}
