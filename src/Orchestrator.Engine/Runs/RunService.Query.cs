using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Workflows;

namespace Orchestrator.Engine.Runs;

/// <summary>Filtered, paged listing and idempotent starts (used by the REST API).</summary>
public sealed partial class RunService
{
    // Idempotent starts of one id are serialized in this process (striped by id), so of concurrent identical
    // requests exactly one creates the run and the others get it.
    private readonly SemaphoreSlim[] _startStripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    private static readonly TimeSpan BackendClockMargin = TimeSpan.FromMinutes(5);

    // Bounds outside these years select no run that the widened bounds would not, and some backends cannot filter on
    // them (Azure tables start at 1601); they are left to the exact filter below.
    private static readonly DateTimeOffset EarliestBound = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestBound = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One page of the runs matching <paramref name="query"/>, newest first.</summary>
    public async Task<RunPage> QueryAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, RunQuery.MaxPageSize);
        var byTarget = query.Workflow is not null || query.Plugin is not null;
        var durableQuery = new OrchestrationQuery
        {
            Statuses = query.Statuses.Count > 0 ? [.. query.Statuses.SelectMany(ToRuntime)] : null,
            // The backend filters on its own creation time, which can differ a little from the time the run was
            // requested (what runs are listed by); widen its bounds and apply the exact ones below.
            CreatedFrom = query.CreatedFrom is { } from && from > EarliestBound ? from - BackendClockMargin : null,
            CreatedTo = query.CreatedTo is { } to && to < LatestBound ? to + BackendClockMargin : null,

            // The progress (custom status) is only readable when inputs and outputs are fetched (Azure Storage
            // enforces it; the in-memory backend does not).
            FetchInputsAndOutputs = true,
            PageSize = 500,
        };
        var matches = new List<RunRecord>();
        await foreach (var metadata in client.GetAllInstancesAsync(durableQuery).WithCancellation(cancellationToken))
        {
            if (IsSchedule(metadata))
            {
                continue;
            }

            if (byTarget && !TargetMatches(metadata, query.Workflow, query.Plugin))
            {
                continue;
            }

            var record = WithoutSharedData(ToRecord(metadata)) with { Output = null };
            if ((query.CreatedFrom is { } earliest && record.CreatedAt < earliest) || (query.CreatedTo is { } latest && record.CreatedAt >= latest))
            {
                continue;
            }

            if (query.After is null || query.After.Precedes(record))
            {
                matches.Add(record);
            }
        }

        var ordered = matches.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
        var page = ordered.Take(query.PageSize).ToList();
        var next = ordered.Count > query.PageSize ? new RunCursor(page[^1].CreatedAt, page[^1].RunId) : null;
        return new RunPage(page, next);
    }

    /// <summary>
    /// Starts the run unless <see cref="RunRequest.RunId"/> names an existing run: then the existing run is returned
    /// when it was started by the same request (same target, input, effective config and approval mode).
    /// </summary>
    /// <exception cref="RunConflictException">The id is taken by a run started by a different request.</exception>
    /// <exception cref="RunRequestException">Every problem with the request.</exception>
    public async Task<RunStart> StartIdempotentAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RunId is not { } runId)
        {
            return await StartNewAsync(request, cancellationToken);
        }

        RunPlanner.ThrowIfValuesInvalid(request, []);

        // Concurrent identical requests in this process wait for each other here; across processes the backend decides.
        var stripe = _startStripes[(int)((uint)StringComparer.Ordinal.GetHashCode(runId) % (uint)_startStripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            DateTimeOffset? createdAt = null;
            var existing = RunIds.Problem(runId) is null ? await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken) : null;
            if (existing is null)
            {
                createdAt = (await ScheduleAsync(request, cancellationToken)).CreatedAt;
                existing = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken) ?? throw RunNotFoundException.For(runId);
                if (createdAt is not null && RequestedAt(existing.SerializedInput) == createdAt)
                {
                    return new RunStart(await GetAsync(runId, cancellationToken) ?? throw RunNotFoundException.For(runId), Created: true);
                }
            }

            // Another request took the id first, in this process or another one sharing the task hub.
            if (Difference(existing, request, cancellationToken) is { } difference)
            {
                throw new RunConflictException($"run '{runId}' already exists and was started with a different request ({difference}); use another run id");
            }

            return new RunStart(WithSharedData(ToRecord(existing), existing), Created: false);
        }
        finally
        {
            stripe.Release();
        }
    }

    private async Task<RunStart> StartNewAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var started = await StartAsync(request, cancellationToken);
        var run = await GetAsync(started, cancellationToken) ?? throw RunNotFoundException.For(started);
        return new RunStart(run, Created: true);
    }

    private static bool TargetMatches(OrchestrationMetadata metadata, string? workflow, string? plugin)
    {
        if (metadata.SerializedInput is null)
        {
            return false;
        }

        if (metadata.Name == OrchestrationNames.Workflow)
        {
            var input = metadata.ReadInputAs<WorkflowInput>();
            return input is not null
                && (workflow is null || input.Workflow == workflow)
                && (plugin is null || input.Steps.Any(s => s.Plugin.Name == plugin));
        }

        var run = metadata.ReadInputAs<RunInput>();
        return run is not null
            && (workflow is null || run.Workflow == workflow)
            && (plugin is null || run.Plugin.Name == plugin);
    }

    /// <summary>What differs between the existing run and the request, or null when it is the same request.</summary>
    private string? Difference(OrchestrationMetadata existing, RunRequest request, CancellationToken cancellationToken)
    {
        var workflow = RunPlanner.WorkflowOf(request, workflows.Discover(cancellationToken));
        var expectedInput = InputMerge.Merge(workflow?.Input, request.Input);
        if (existing.Name == OrchestrationNames.Workflow)
        {
            var stored = existing.ReadInputAs<WorkflowInput>();
            if (stored is null || stored.Workflow != request.Target)
            {
                return $"it runs '{stored?.Workflow}'";
            }

            if (!SameJson(stored.Input, expectedInput))
            {
                return "a different input";
            }

            return stored.Steps.Any(s => s.AutoApprove != request.AutoApprove) ? "a different auto_approve" : null;
        }

        var run = existing.ReadInputAs<RunInput>();
        if (run is null || (run.Workflow ?? run.Plugin.Name) != request.Target)
        {
            return $"it runs '{run?.Workflow ?? run?.Plugin.Name}'";
        }

        var step = workflow?.AllSteps.FirstOrDefault()
            ?? RunPlanner.PluginStep(request.Target);
        if (!SameJson(run.Input, InputMerge.Merge(step.Input, expectedInput)))
        {
            return "a different input";
        }

        if (run.AutoApprove != request.AutoApprove)
        {
            return "a different auto_approve";
        }

        var planned = planner.Step(step, request, workflow, [], input: null, checkInput: false);
        var expectedConfig = planned?.Config ?? request.Config;
        return SameConfig(run.Config, expectedConfig) ? null : "a different config";
    }

    private static bool SameConfig(ImmutableDictionary<string, JsonElement> stored, ImmutableDictionary<string, JsonElement> expected) =>
        stored.Count == expected.Count
        && stored.All(pair => expected.TryGetValue(pair.Key, out var value) && JsonElement.DeepEquals(pair.Value, value));

    private static bool SameJson(JsonElement? left, JsonElement? right) =>
        (left, right) switch
        {
            (null, null) => true,
            ({ } l, { } r) => JsonElement.DeepEquals(l, r),
            ({ ValueKind: JsonValueKind.Null }, null) or (null, { ValueKind: JsonValueKind.Null }) => true,
            _ => false,
        };
}
