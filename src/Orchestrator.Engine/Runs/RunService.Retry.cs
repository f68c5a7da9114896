using System.Collections.Immutable;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Telemetry;
using Orchestrator.Engine.Workspaces;

namespace Orchestrator.Engine.Runs;

/// <summary>Retrying a failed or terminated run from a phase (docs/running-workflows.md#retry-a-failed-run).</summary>
public sealed partial class RunService
{
    private const string RetrySuffix = "-retry";

    // The retry number's digits: a run is retried at most this many times, counted over the retries of its retries.
    private const int MaxRetryDigits = 4;

    /// <summary>
    /// Starts a new run that takes over the phases of <see cref="RetryRequest.RunId"/> before the restart point and runs
    /// the rest. Its id is the original's (or, for a retry of a retry, the first run's) with <c>-retry&lt;n&gt;</c>.
    /// </summary>
    /// <returns>The new run's id.</returns>
    /// <exception cref="RunNotFoundException">No such run (never started, or purged).</exception>
    /// <exception cref="RunConflictException">The run did not fail and was not terminated, is a workflow run or step, or its pinned version is not loaded.</exception>
    /// <exception cref="RunRequestException">Every problem with the request (the phase, the config, the version asked for).</exception>
    public async Task<string> RetryAsync(RetryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runId = request.RunId;
        var metadata = (RunIds.IsWellFormed(runId) ? await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken) : null)
            ?? throw RunNotFound(runId);
        if (IsSchedule(metadata))
        {
            throw RunNotFound(runId);
        }

        if (metadata.Name == OrchestrationNames.Workflow)
        {
            throw new RunConflictException(
                $"cannot retry run '{runId}': it is a run of a workflow with steps, which retry does not take; start the workflow again (`orchestrator run {metadata.ReadInputAs<WorkflowInput>()?.Workflow ?? "WORKFLOW"}`)");
        }

        var record = WithSharedData(ToRecord(metadata), metadata);
        if (record.Status is not (RunStatus.Failed or RunStatus.Terminated))
        {
            var first = record.IsTerminal ? string.Empty : " (terminate it first to retry it)";
            throw new RunConflictException($"cannot retry run '{runId}': it is {Describe(record.Status)}; only failed or terminated runs can be retried{first}");
        }

        var original = metadata.ReadInputAs<RunInput>() ?? throw new RunConflictException($"cannot retry run '{runId}': its stored input cannot be read");
        if (original.ParentRunId is { } parent)
        {
            throw new RunConflictException(
                $"cannot retry run '{runId}': it is a step of workflow run '{parent}', and retry does not take workflow runs; start the workflow again");
        }

        var input = await planner.PrepareRetryAsync(original, record.Progress, request, cancellationToken);

        // Retries of one family are numbered one at a time in this process, so two at once never take the same number.
        var family = RetryFamily(runId, original.RetryOf);
        var stripe = _startStripes[(int)((uint)StringComparer.Ordinal.GetHashCode(family) % (uint)_startStripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            var retryId = await NextRetryIdAsync(runId, family, cancellationToken);
            var workspace = workspaces.ForNewRun(retryId, generated: false);
            CopyWorkspace(retryId, runId, original.Workspace, workspace);
            var trace = RunTrace.New();
            using (RunSpans.Scheduling(trace, retryId, input.Workflow ?? input.Plugin.Name))
            {
                await client.ScheduleNewOrchestrationInstanceAsync(
                    OrchestrationNames.Run, input with { CreatedAt = time.GetUtcNow(), Workspace = workspace, Trace = trace }, new StartOrchestrationOptions(retryId), cancellationToken);
            }

            var from = input.Phases.OrderBy(p => p.Order).FirstOrDefault(p => input.Carried?.Phases.Any(c => c.Phase == p.Name) != true)?.Name ?? "-";
            logger.RunRetryScheduled(retryId, runId, input.Plugin.ToString(), from);
            return retryId;
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>The retries of a run, oldest first: the runs whose <see cref="RunInput.RetryOf"/> names it.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="retryOf">The run it retries itself, if it is a retry.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    internal async Task<ImmutableArray<string>> RetriesOfAsync(string runId, string? retryOf, CancellationToken cancellationToken)
    {
        var family = RetryFamily(runId, retryOf);
        var query = new OrchestrationQuery { InstanceIdPrefix = family, FetchInputsAndOutputs = true, PageSize = 100 };
        var found = new List<(int Number, string RunId)>();
        await foreach (var metadata in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (RetryNumber(family, metadata.InstanceId) is { } number && InputHeader(metadata.SerializedInput).RetryOf == runId)
            {
                found.Add((number, metadata.InstanceId));
            }
        }

        return [.. found.OrderBy(f => f.Number).Select(f => f.RunId)];
    }

    // Retries of one run and of its retries share the first run's id with "-retry" (cut so that the number fits), so
    // that the retries of a run are found by one query of that prefix.
    private static string RetryFamily(string runId, string? retryOf)
    {
        if (retryOf is not null && runId.LastIndexOf(RetrySuffix, StringComparison.Ordinal) is var at and > 0)
        {
            return runId[..(at + RetrySuffix.Length)];
        }

        var room = RunIds.MaxLength - RetrySuffix.Length - MaxRetryDigits;
        return (runId.Length > room ? runId[..room] : runId) + RetrySuffix;
    }

    private static int? RetryNumber(string family, string candidate) =>
        candidate.StartsWith(family, StringComparison.Ordinal)
        && candidate.Length > family.Length
        && candidate.Length - family.Length <= MaxRetryDigits
        && candidate[family.Length..].All(char.IsAsciiDigit)
        && int.TryParse(candidate[family.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private async Task<string> NextRetryIdAsync(string runId, string family, CancellationToken cancellationToken)
    {
        var last = 0;
        await foreach (var metadata in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = family, PageSize = 100 }).WithCancellation(cancellationToken))
        {
            last = Math.Max(last, RetryNumber(family, metadata.InstanceId) ?? 0);
        }

        var next = last + 1;
        return next.ToString(CultureInfo.InvariantCulture).Length > MaxRetryDigits
            ? throw new RunConflictException($"cannot retry run '{runId}': its runs have been retried {last} times, the most there can be; start it again instead")
            : string.Create(CultureInfo.InvariantCulture, $"{family}{next}");
    }

    private void CopyWorkspace(string retryId, string runId, string source, string target)
    {
        var path = string.IsNullOrEmpty(source) ? string.Empty : Path.GetFullPath(source);
        if (!path.StartsWith(workspaces.RunsDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            logger.RetryWorkspaceNotCopied(retryId, runId, source);
            return;
        }

        // A run whose phases wrote no file never made its workspace: there is nothing to copy.
        if (Directory.Exists(path))
        {
            WorkspaceCopy.Copy(path, target);
        }
    }
}
