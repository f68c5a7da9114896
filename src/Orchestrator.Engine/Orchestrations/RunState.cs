using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Orchestrator.Abstractions.Context;
using Orchestrator.Engine.Activities;
using Orchestrator.Engine.Payloads;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>The state one execution of <see cref="RunOrchestrator"/> builds up, and the custom status it publishes.</summary>
internal sealed class RunState(TaskOrchestrationContext context, RunInput input)
{
    private readonly List<PhaseAttempt> _running = [];

    // A retry starts with the phases it takes over from the run it retries, and their shared data and artifacts.
    private readonly List<CompletedPhase> _completed = [.. input.Carried?.Phases ?? []];
    private readonly List<string> _errors = [];
    private readonly List<string> _artifacts = [.. input.Carried?.Artifacts ?? []];
    private readonly HashSet<string> _artifactSet = new(input.Carried?.Artifacts ?? [], StringComparer.Ordinal);
    private readonly List<ContextChange> _pending = Seed(input.Carried?.SharedData);
    private string? _head;
    private PhaseContextInput? _context;
    private string? _waiting;
    private PublishedStatus? _published;
    // The JSON characters of the phase outputs and metadata values merged so far, which the run's history holds.
    private long _outputCharacters;
    private long _metadataCharacters;

    /// <summary>The JSON characters of the phase outputs and metadata values the run's history holds (values stored by reference count as their reference).</summary>
    public long ResultCharacters => _outputCharacters + _metadataCharacters;

    public SharedData Shared { get; private set; } = input.Carried?.SharedData ?? SharedData.Empty;

    public JsonElement? LastOutput { get; private set; }

    /// <summary>
    /// What the next phase attempt is sent of <see cref="Shared"/>: the latest node a phase stored in the workspace and the
    /// changes merged since (docs/running-workflows.md#large-outputs-and-limits), so that no attempt's input copies the
    /// outputs of the phases before it.
    /// </summary>
    public PhaseContextInput Context => _context ??= new PhaseContextInput { Head = _head, Changes = [.. _pending] };

    public DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    public void AttemptStarted(PhasePlan plan, int attempt)
    {
        _running.RemoveAll(a => a.Phase == plan.Name);
        _running.Add(new PhaseAttempt(plan.Name, attempt, plan.MaxAttempts, Now, plan.EstimatedTime?.TotalMilliseconds));
        Publish();
    }

    public void AttemptFailed(PhasePlan plan, PhaseError error)
    {
        _errors.Add(string.Create(CultureInfo.InvariantCulture, $"{plan.Name} (attempt {error.Attempt}/{plan.MaxAttempts}): {error.Message}"));
        Publish();
    }

    public void WaitingForApproval(string phase)
    {
        _waiting = phase;
        Publish();
    }

    public void Approved(string phase, JsonElement? payload)
    {
        _waiting = null;
        var value = payload is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } given
            ? given
            : JsonSerializer.SerializeToElement(new { approved = true });
        Shared = Shared.WithMetadata([new KeyValuePair<string, JsonElement>($"approval.{phase}", value)]);
        Changed(new ContextChange { Metadata = ImmutableDictionary<string, JsonElement>.Empty.Add($"approval.{phase}", value) });
        Publish();
    }

    public void Rejected(PhasePlan plan, string reason)
    {
        _waiting = null;
        var error = new PhaseError(plan.Name, $"rejected: {reason}", 1, Now, plan.Required);
        Shared = Shared.WithError(error);
        _errors.Add($"{plan.Name}: rejected: {reason}");
    }

    /// <summary>Merges a finished phase into the shared data, in manifest order for phases that ran in parallel.</summary>
    public void Merge(PhaseOutcome outcome)
    {
        var plan = outcome.Plan;
        if (outcome.Result is { } result)
        {
            Shared = Shared.WithPhaseResult(plan.Name, result.ToPhaseResult());

            // The attempt stored a node holding the changes it was sent; the phases of a group all store the same one.
            if (result.Context is { } head && head != _head)
            {
                _head = head;
                _pending.RemoveRange(0, Math.Min(outcome.SentChanges, _pending.Count));
            }

            Changed(result.Stored is { } stored
                ? new ContextChange { Phase = plan.Name, Result = stored }
                : new ContextChange { Outputs = ImmutableDictionary<string, JsonElement>.Empty.Add(plan.Name, result.Output ?? JsonValues.Null), Metadata = result.Metadata });
            foreach (var artifact in result.Artifacts)
            {
                if (_artifactSet.Add(artifact))
                {
                    _artifacts.Add(artifact);
                }
            }

            if (result.Output is { } output)
            {
                LastOutput = output;
                _outputCharacters += Characters(output);
            }

            _metadataCharacters += result.Metadata.Values.Sum(Characters);
        }

        foreach (var error in outcome.Errors)
        {
            Shared = Shared.WithError(error);
        }

        Shared = Shared.WithPhaseMetrics(new PhaseMetrics(plan.Name, outcome.StartedAt, outcome.EndedAt, Math.Max(1, outcome.Attempts)));
        _running.RemoveAll(a => a.Phase == plan.Name);
        _completed.Add(new CompletedPhase(plan.Name, outcome.Succeeded, outcome.Attempts, (outcome.EndedAt - outcome.StartedAt).TotalMilliseconds, plan.Required));
        Publish();
    }

    // The characters of the value's JSON text, counted without making the string: every replay merges every phase again.
    private static long Characters(JsonElement value) => Encoding.UTF8.GetCharCount(JsonMarshal.GetRawUtf8Value(value));

    // A retry's first phase starts from the shared data taken over, given inline.
    private static List<ContextChange> Seed(SharedData? carried) =>
        carried is null || (carried.PhaseOutputs.IsEmpty && carried.Metadata.IsEmpty)
            ? []
            : [new ContextChange { Outputs = carried.PhaseOutputs, Metadata = carried.Metadata }];

    private void Changed(ContextChange change)
    {
        _pending.Add(change);
        _context = null;
    }

    public RunOutput Output() => new()
    {
        SharedData = Shared,
        Workspace = input.Workspace,
        Artifacts = [.. _artifacts],
        Result = LastOutput,
    };

    /// <summary>
    /// Publishes the final status and returns the exception to throw. A failed run has no output, so its shared data
    /// goes into the status; when it does not fit there it is saved to a file in the workspace, named in the status.
    /// </summary>
    public async Task<RunFailedException> FailAsync(string message)
    {
        _running.Clear();
        var progress = Fit(message);
        if (progress.SharedData is null)
        {
            try
            {
                var file = await context.CallActivityAsync<string>(
                    OrchestrationNames.SaveSharedData, new SharedDataSnapshot(input.Workspace, context.InstanceId, StatusShared) { Context = Context });
                progress = progress with { SharedDataFile = file, Omitted = $"{progress.Omitted}; the shared data was saved to {file}" };
            }
            catch (TaskFailedException ex)
            {
                progress = progress with { Omitted = $"{progress.Omitted}; saving the shared data failed: {ex.FailureDetails.ErrorMessage}" };
            }
        }

        context.SetCustomStatus(progress);
        return new RunFailedException(message);
    }

    /// <summary>Makes the run's status the progress as it will be when the episode ends (see <see cref="PublishedStatus"/>).</summary>
    public void Publish() => context.SetCustomStatus(_published ??= new PublishedStatus(() => Progress(null)));

    // The status names where the phase outputs and metadata are stored instead of copying them (the run service reads
    // them back), so it stays small.
    private RunProgress Fit(string? failure) => ProgressBudget.Fit(Progress(failure));

    // The shared data as the status carries it: without the phase outputs and metadata, which its context names.
    private SharedData StatusShared => Shared with { PhaseOutputs = [], Metadata = [] };

    private RunProgress Progress(string? failure) => new()
    {
        Plugin = input.Plugin.Name,
        Running = [.. _running],
        Completed = [.. _completed],
        Errors = [.. _errors],
        WaitingForApproval = _waiting,
        SharedData = StatusShared,
        Context = Context,
        Artifacts = [.. _artifacts],
        Summary = failure is not null ? $"failed: {failure}"
            : _waiting is not null ? $"waiting for approval: {_waiting}"
            : _running.Count > 0 ? "running: " + string.Join(", ", _running.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Phase} (attempt {a.Attempt}/{a.MaxAttempts})")))
            : string.Create(CultureInfo.InvariantCulture, $"{_completed.Count}/{input.Phases.Length} phases done"),
    };
}
