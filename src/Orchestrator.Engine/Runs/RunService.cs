using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Abstractions;
using Orchestrator.Documents.Problems;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Telemetry;
using Orchestrator.Engine.Workflows;
using Orchestrator.Engine.Workspaces;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Runs;

/// <summary>Starts, queries and signals runs; the CLI and the REST API both go through it.</summary>
public sealed partial class RunService(
    DurableTaskClient client,
    RunPlanner planner,
    WorkflowCatalog workflows,
    WorkspaceLayout workspaces,
    IOptions<EngineOptions> options,
    TimeProvider time,
    EngineMetrics metrics,
    ILogger<RunService> logger)
{
    /// <summary>Validates the request completely and schedules the run; nothing is scheduled when anything is wrong.</summary>
    /// <returns>The run id (the existing one when <see cref="RunRequest.RunId"/> names a run that already exists).</returns>
    /// <exception cref="RunRequestException">Every problem with the request.</exception>
    public async Task<string> StartAsync(RunRequest request, CancellationToken cancellationToken) =>
        (await ScheduleAsync(request, cancellationToken)).RunId;

    /// <summary>
    /// Schedules the run unless its id is taken; <c>CreatedAt</c> is the creation time it was scheduled with, or null
    /// when a run with the id was there first. The backend refuses an id it already holds in any state (its own rule,
    /// checked in the task hub, not in this process), so of two processes starting one id at once only one run starts;
    /// which one won shows in the stored creation time (docs/scale-out.md#idempotent-starts).
    /// </summary>
    private async Task<(string RunId, DateTimeOffset? CreatedAt)> ScheduleAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prepared = planner.Prepare(request, cancellationToken);
        var runId = prepared.RunId;

        // A generated id is new (RunIds.New): only an id the caller gave can name a run that exists already.
        if (request.RunId is not null && await client.GetInstanceAsync(runId, cancellationToken) is not null)
        {
            return (runId, null);
        }

        var workspace = workspaces.ForNewRun(runId, generated: request.RunId is null);
        var runs = prepared.Steps.Select(r => r with { Workspace = workspace }).ToImmutableArray();
        var input = prepared.Input;
        var startOptions = TakenIds.Options(runId);
        var createdAt = time.GetUtcNow();
        var trace = RunTrace.New();
        using var scheduling = RunSpans.Scheduling(trace, runId, request.Target);
        try
        {
            if (runs.Length == 1)
            {
                await client.ScheduleNewOrchestrationInstanceAsync(
                    OrchestrationNames.Run, runs[0] with { CreatedAt = createdAt, Input = InputMerge.Merge(runs[0].InputDefaults, input), Trace = trace }, startOptions, cancellationToken);
            }
            else
            {
                var workflowInput = new WorkflowInput
                {
                    CreatedAt = createdAt,
                    Workflow = request.Target,
                    Input = input,
                    Steps = runs,
                    Workspace = workspace,
                    Retention = prepared.Workflow?.Retention,
                    Trace = trace,
                };
                await client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Workflow, workflowInput, startOptions, cancellationToken);
            }
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return (runId, null);
        }

        logger.RunScheduled(runId, request.Target, string.Join(" → ", runs.Select(r => r.Plugin.ToString())));
        return (runId, createdAt);
    }

    /// <summary>The run, or null when there is none with that id.</summary>
    public Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken) => GetAsync(runId, wholeValues: true, cancellationToken);

    /// <param name="runId">The run.</param>
    /// <param name="wholeValues">Whether values stored by reference in the workspace are read back (see <see cref="WithPayloads"/>).</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    private async Task<RunRecord?> GetAsync(string runId, bool wholeValues, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || IsSchedule(metadata))
        {
            return null;
        }

        var record = WithSharedData(ToRecord(metadata), metadata);
        record = wholeValues ? WithPayloads(record, metadata) : record;

        // Only a failed or terminated run can have been retried; other runs are read without the query for retries.
        return record.Status is RunStatus.Failed or RunStatus.Terminated && metadata.Name == OrchestrationNames.Run
            ? record with { RetriedBy = await RetriesOfAsync(runId, record.RetryOf, cancellationToken) }
            : record;
    }

    /// <summary>Runs, newest first, optionally only those in the given states.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListAsync(IReadOnlyCollection<RunStatus>? statuses, int max, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            Statuses = statuses is { Count: > 0 } ? [.. statuses.SelectMany(ToRuntime)] : null,
            FetchInputsAndOutputs = true,
            PageSize = 100,
        };
        var result = new List<RunRecord>();
        await foreach (var metadata in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (!IsSchedule(metadata))
            {
                result.Add(WithoutSharedData(ToRecord(metadata)));
            }
        }

        return [.. result.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.RunId, StringComparer.Ordinal).Take(max)];
    }

    /// <summary>Sends a custom event to a running run.</summary>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    /// <exception cref="OrchestratorException">The run has already finished.</exception>
    /// <exception cref="ArgumentException">The name is one of the approval events, which only <see cref="ApproveAsync"/> and <see cref="RejectAsync"/> send.</exception>
    public async Task RaiseEventAsync(string runId, string eventName, JsonElement? payload, CancellationToken cancellationToken)
    {
        if (OrchestrationNames.IsGateEvent(eventName))
        {
            throw new ArgumentException($"'{eventName}' is an approval event; approve or reject the waiting phase instead", nameof(eventName));
        }

        InvalidValueException.ThrowIfInvalid(payload, "payload");

        await RequireStatusAsync(runId, $"send '{eventName}' to", s => !IsTerminal(s), cancellationToken);
        await client.RaiseEventAsync(runId, eventName, payload, cancellationToken);
    }

    public async Task TerminateAsync(string runId, string? reason, CancellationToken cancellationToken)
    {
        await RequireStatusAsync(runId, "terminate", s => !IsTerminal(s), cancellationToken);
        await client.TerminateInstanceAsync(runId, new TerminateInstanceOptions { Output = reason, Recursive = true }, cancellationToken);
        metrics.RunTerminated(runId);
    }

    /// <exception cref="OrchestratorException">The run is already suspended or has finished.</exception>
    public async Task SuspendAsync(string runId, string? reason, CancellationToken cancellationToken)
    {
        await RequireStatusAsync(runId, "suspend", s => s is RunStatus.Pending or RunStatus.Running, cancellationToken);
        await client.SuspendInstanceAsync(runId, reason, cancellationToken);
    }

    /// <exception cref="OrchestratorException">The run is not suspended.</exception>
    public async Task ResumeAsync(string runId, string? reason, CancellationToken cancellationToken)
    {
        await RequireStatusAsync(runId, "resume", s => s is RunStatus.Suspended, cancellationToken);
        await client.ResumeInstanceAsync(runId, reason, cancellationToken);
    }

    /// <summary>Removes a finished run: its durable history, its workflow steps and its workspace.</summary>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    /// <exception cref="OrchestratorException">The run has not finished; terminate it first.</exception>
    public async Task PurgeAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await GetAsync(runId, cancellationToken) ?? throw RunNotFound(runId);
        if (!run.IsTerminal)
        {
            throw new OrchestratorException($"run '{runId}' is {Describe(run.Status)}; only completed, failed or terminated runs can be purged (terminate it first)");
        }

        await PurgeFinishedAsync(runId, cancellationToken);
    }

    /// <summary>
    /// Polls until the run finishes, reporting each change of its progress; the progress reported while it runs holds
    /// values stored by reference as references, the record returned at the end holds them whole.
    /// </summary>
    public async Task<RunRecord> WaitForCompletionAsync(string runId, Action<RunRecord>? onProgress, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        string? last = null;
        while (true)
        {
            var run = await GetAsync(runId, wholeValues: false, cancellationToken) ?? throw RunNotFound(runId);
            if (run.IsTerminal)
            {
                run = await GetAsync(runId, cancellationToken) ?? throw RunNotFound(runId);
            }

            var fingerprint = JsonSerializer.Serialize(run.Progress, OrchestratorJson.Options) + run.Status;
            if (fingerprint != last)
            {
                last = fingerprint;
                onProgress?.Invoke(run);
            }

            if (run.IsTerminal)
            {
                return run;
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }

    /// <summary>A status as users read it: <c>running</c>, <c>completed</c>, ...</summary>
    public static string Describe(RunStatus status) => status.ToString().ToLowerInvariant();

    private async Task PurgeFinishedAsync(string runId, CancellationToken cancellationToken)
    {
        await client.PurgeInstanceAsync(runId, new PurgeInstanceOptions { Recursive = true }, cancellationToken);
        for (var step = 1; await client.GetInstanceAsync(WorkflowOrchestrator.StepRunId(runId, step), cancellationToken) is not null; step++)
        {
            await client.PurgeInstanceAsync(WorkflowOrchestrator.StepRunId(runId, step), cancellationToken);
        }

        if (RunIds.Problem(runId) is null)
        {
            workspaces.Delete(runId);
        }
    }

    private async Task RequireStatusAsync(string runId, string action, Func<RunStatus, bool> allowed, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(runId, cancellationToken);
        if (metadata is null || IsSchedule(metadata))
        {
            throw RunNotFound(runId);
        }

        var status = ToStatus(metadata.RuntimeStatus);
        if (!allowed(status))
        {
            var already = IsTerminal(status) || status == RunStatus.Suspended && action == "suspend" ? "already " : string.Empty;
            throw new OrchestratorException($"cannot {action} run '{runId}': it is {already}{Describe(status)}");
        }
    }

    private static bool IsTerminal(RunStatus status) => status is RunStatus.Completed or RunStatus.Failed or RunStatus.Terminated;
}
