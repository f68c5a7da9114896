using Microsoft.DurableTask;

namespace Orchestrator.TestWorker;

/// <summary>Orchestrations that continue as new with events and timers in flight.</summary>
public static class ContinueAsNewTasks
{
    /// <summary>Registers the continue-as-new tasks.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // One "tick" per generation (optionally a short timer after it), continuing as new until the target; the
        // ticks that arrive while a generation runs are carried into the next one by the SDK, which re-sends them to
        // the instance itself just before continuing as new.
        registry.AddOrchestratorFunc<TickInput, int>("CountTicks", async (context, input) =>
        {
            await context.WaitForExternalEvent<int>("tick");
            if (input.TimerMs > 0)
            {
                await context.CreateTimer(TimeSpan.FromMilliseconds(input.TimerMs), CancellationToken.None);
            }

            var seen = input.Seen + 1;
            if (seen < input.Target)
            {
                context.ContinueAsNew(input with { Seen = seen }, preserveUnprocessedEvents: true);
            }

            return seen;
        });

        // Generation 0 sends itself numbered events and continues as new (with or without a timer of its own still
        // pending); generation 1 adds them up.
        registry.AddOrchestratorFunc<int, int>("SendToSelf", (context, count) => SendToSelfAsync(context, count, pendingTimer: false));
        registry.AddOrchestratorFunc<int, int>("SendToSelfWithTimer", (context, count) => SendToSelfAsync(context, count, pendingTimer: true));

        // Generation 0 races an event against a timer; the event wins and it continues as new with the timer still
        // pending in the backend (cancelling a durable timer only stops waiting for it). Generation 1 races its own
        // timer (the same timer id) against a "done" event: the old timer firing must not end it.
        registry.AddOrchestratorFunc<int, string>("RaceThenContinue", async (context, generation) =>
        {
            using var cancel = new CancellationTokenSource();
            if (generation == 0)
            {
                var go = context.WaitForExternalEvent<string>("go", cancel.Token);
                await Task.WhenAny(go, context.CreateTimer(TimeSpan.FromSeconds(4), cancel.Token));
                EventTasks.CancelNow(cancel);
                context.ContinueAsNew(1, preserveUnprocessedEvents: true);
                return "generation 0";
            }

            context.SetCustomStatus("generation 1");
            var done = context.WaitForExternalEvent<string>("done", cancel.Token);
            var winner = await Task.WhenAny(done, context.CreateTimer(TimeSpan.FromMinutes(10), cancel.Token));
            EventTasks.CancelNow(cancel);
            return winner == done ? "event" : "timer";
        });
    }

    private static async Task<int> SendToSelfAsync(TaskOrchestrationContext context, int count, bool pendingTimer)
    {
        if (count > 0)
        {
            if (pendingTimer)
            {
                // A backstop raced against an activity, the way the engine runs a phase: the activity wins, the timer
                // is cancelled (it only stops being waited for) and is still pending in the backend when this
                // generation ends.
                using var cancel = new CancellationTokenSource();
                var backstop = context.CreateTimer(TimeSpan.FromMinutes(1), cancel.Token);
                await Task.WhenAny(backstop, context.CallActivityAsync<string>("Echo", "step"));
                EventTasks.CancelNow(cancel);
            }

            for (var i = 1; i <= count; i++)
            {
                context.SendEvent(context.InstanceId, "number", i);
            }

            context.ContinueAsNew(-count, preserveUnprocessedEvents: true);
            return 0;
        }

        var sum = 0;
        for (var i = 0; i < -count; i++)
        {
            sum += await context.WaitForExternalEvent<int>("number");
        }

        return sum;
    }
}
