using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Engine.Schedules;

/// <summary>
/// Keeps one workflow's schedule (docs/schedules.md): each generation starts the run of a fire that is due, applies
/// overlap, publishes its status, then sleeps on a durable timer until the next fire or until a signal (pause, resume,
/// trigger, update) comes, and continues as new so its history stays short. Deterministic under replay: time comes
/// from the orchestration clock, and every run id from the fire or trigger time.
/// </summary>
public sealed class ScheduleOrchestrator : TaskOrchestrator<ScheduleState, object?>
{
    /// <summary>How often a buffered fire looks whether the run it waits for has ended.</summary>
    public static readonly TimeSpan BufferPoll = TimeSpan.FromSeconds(2);

    private static readonly TaskOptions Retried = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<object?> RunAsync(TaskOrchestrationContext context, ScheduleState input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var now = Now(context);
        var state = input.Cursor is null ? input with { Cursor = now } : input;
        if (!state.Paused)
        {
            // The buffered fire first: it came before any fire that is due now.
            state = await StartBufferedAsync(context, state);
            state = await FireDueAsync(context, state, now);
        }

        var next = state.Paused ? null : ScheduleCron.Next(state.Definition, state.Cursor!.Value);
        context.SetCustomStatus(ScheduleStatus.Of(state, next));

        var wake = state.BufferedFire is null || state.Paused ? next : Earliest(next, now + BufferPoll);
        using var cancel = new CancellationTokenSource();
        var signal = context.WaitForExternalEvent<ScheduleSignal>(ScheduleNames.SignalEvent, cancel.Token);
        var woken = wake is { } at ? await Task.WhenAny(signal, context.CreateTimer(at.UtcDateTime, cancel.Token)) : await Task.WhenAny(signal);
        // Synchronously: CancelAsync completes on the thread pool, where an orchestration must never continue.
        cancel.Cancel();
        if (woken == signal)
        {
            state = await ApplyAsync(context, state, await signal);
        }

        context.ContinueAsNew(state, preserveUnprocessedEvents: true);
        return null;
    }

    /// <summary>Starts the run of the latest fire since the cursor, unless it was missed and catchup is none.</summary>
    private static async Task<ScheduleState> FireDueAsync(TaskOrchestrationContext context, ScheduleState state, DateTimeOffset now)
    {
        var due = ScheduleCron.Latest(state.Definition, now);
        var handled = state with { Cursor = now };
        if (due is not { } fire || fire <= state.Cursor)
        {
            return handled;
        }

        if (state.Definition.Catchup == ScheduleCatchup.None && now - fire > state.MissedAfter)
        {
            Log(context).ScheduleFireMissed(state.Workflow, fire, now - fire);
            return handled with { SkippedFires = state.SkippedFires + 1 };
        }

        if (state.Definition.Overlap != ScheduleOverlap.Allow && state.LastRunId is { } previous && await IsGoingAsync(context, previous))
        {
            if (state.Definition.Overlap == ScheduleOverlap.BufferOne && state.BufferedFire is null)
            {
                Log(context).ScheduleFireBuffered(state.Workflow, fire, previous);
                return handled with { BufferedFire = fire };
            }

            Log(context).ScheduleFireSkipped(state.Workflow, fire, previous);
            return handled with { SkippedFires = state.SkippedFires + 1 };
        }

        return await StartAsync(context, handled, ScheduleNames.FireRunId(state.Workflow, fire), fire);
    }

    private static async Task<ScheduleState> StartBufferedAsync(TaskOrchestrationContext context, ScheduleState state)
    {
        if (state.BufferedFire is not { } fire || (state.LastRunId is { } previous && await IsGoingAsync(context, previous)))
        {
            return state;
        }

        return await StartAsync(context, state with { BufferedFire = null }, ScheduleNames.FireRunId(state.Workflow, fire), fire);
    }

    private static async Task<ScheduleState> ApplyAsync(TaskOrchestrationContext context, ScheduleState state, ScheduleSignal signal)
    {
        var now = Now(context);
        switch (signal.Kind)
        {
            case ScheduleSignalKind.Pause:
                return state with { Paused = true };
            case ScheduleSignalKind.Resume:
                // Fires that came while paused are dropped, not caught up.
                return state with { Paused = false, Cursor = now };
            case ScheduleSignalKind.Trigger:
                return await StartAsync(context, state, ScheduleNames.TriggerRunId(state.Workflow, signal.At ?? now), null);
            case ScheduleSignalKind.Update when signal.Definition is { } definition:
                Log(context).ScheduleUpdated(state.Workflow, definition.Cron);
                return state with { Definition = definition, MissedAfter = signal.MissedAfter ?? state.MissedAfter, File = signal.File ?? state.File, Cursor = now };
            default:
                return state;
        }
    }

    private static async Task<ScheduleState> StartAsync(TaskOrchestrationContext context, ScheduleState state, string runId, DateTimeOffset? fire)
    {
        ScheduledStartResult result;
        try
        {
            result = await context.CallActivityAsync<ScheduledStartResult>(
                ScheduleNames.StartActivity, new ScheduledStart(state.Workflow, runId, state.Definition.Input, state.Definition.Config, state.Definition.AutoApprove), Retried);
        }
        catch (TaskFailedException ex)
        {
            result = new ScheduledStartResult(null, $"run {runId} could not start: {ex.FailureDetails.ErrorMessage}");
        }

        if (result.RunId is null)
        {
            Log(context).ScheduledRunNotStarted(state.Workflow, result.Error ?? runId);
            return state with { LastError = result.Error };
        }

        Log(context).ScheduledRunStarted(state.Workflow, result.RunId);
        return state with { LastRunId = result.RunId, LastFire = fire ?? state.LastFire, LastError = null };
    }

    // A status that cannot be read counts as going: a skipped fire is better than two overlapping runs.
    private static async Task<bool> IsGoingAsync(TaskOrchestrationContext context, string runId)
    {
        try
        {
            return await context.CallActivityAsync<bool>(ScheduleNames.RunStatusActivity, runId, Retried);
        }
        catch (TaskFailedException)
        {
            return true;
        }
    }

    private static ILogger Log(TaskOrchestrationContext context) => context.CreateReplaySafeLogger<ScheduleOrchestrator>();

    private static DateTimeOffset Now(TaskOrchestrationContext context) => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;
}
