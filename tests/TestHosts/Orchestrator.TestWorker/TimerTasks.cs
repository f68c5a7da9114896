using Microsoft.DurableTask;

namespace Orchestrator.TestWorker;

/// <summary>Many durable timers at once: in one orchestration, and across many orchestrations.</summary>
public static class TimerTasks
{
    /// <summary>Registers the timer tasks.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // Starts the given number of timers together, due over the next two seconds, and counts those that fired.
        registry.AddOrchestratorFunc<int, int>("ManyTimers", async (context, count) =>
        {
            var start = context.CurrentUtcDateTime;
            var timers = Enumerable.Range(0, count)
                .Select(i => context.CreateTimer(start.AddMilliseconds(1000 + (i * 1000 / count)), CancellationToken.None))
                .ToList();
            await Task.WhenAll(timers);
            return timers.Count(t => t.IsCompletedSuccessfully);
        });

        // Ends at once while a backstop timer of the given number of seconds is still pending (the way the engine
        // races a phase against its timeout): the timer fires after the instance has completed, or been purged.
        registry.AddOrchestratorFunc<int, string>("QuickWithBackstop", async (context, seconds) =>
        {
            using var cancel = new CancellationTokenSource();
            var backstop = context.CreateTimer(TimeSpan.FromSeconds(seconds), cancel.Token);
            var call = context.CallActivityAsync<string>("Echo", "quick");
            var winner = await Task.WhenAny(call, backstop);
            EventTasks.CancelNow(cancel);
            return winner == call ? await call : "backstop fired";
        });
    }
}
