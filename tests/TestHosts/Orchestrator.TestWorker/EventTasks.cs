using Microsoft.DurableTask;

namespace Orchestrator.TestWorker;

/// <summary>Orchestrations waiting for external events: with a timeout, with cancellation, several in a row.</summary>
public static class EventTasks
{
    /// <summary>Registers the event tasks.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // Waits for "answer" at most the given number of seconds.
        registry.AddOrchestratorFunc<int, string>("AnswerWithin", async (context, seconds) =>
        {
            try
            {
                return "answer:" + await context.WaitForExternalEvent<string>("answer", TimeSpan.FromSeconds(seconds));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        });

        // Waits for "answer" until a "cancel" event cancels the wait (whichever comes first), then says which won.
        registry.AddOrchestratorFunc<string, string>("AnswerUnlessCancelled", async (context, _) =>
        {
            using var stopWaiting = new CancellationTokenSource();
            using var stopCancel = new CancellationTokenSource();
            var answer = context.WaitForExternalEvent<string>("answer", stopWaiting.Token);
            var cancel = context.WaitForExternalEvent<string>("cancel", stopCancel.Token);
            if (await Task.WhenAny(answer, cancel) == cancel)
            {
                CancelNow(stopWaiting);
                try
                {
                    await answer;
                }
                catch (TaskCanceledException)
                {
                    return "cancelled";
                }
            }

            CancelNow(stopCancel);
            return "answer:" + await answer;
        });

        // Runs one step first (so the instance can be suspended while its activity is in flight), then collects the
        // given number of "item" events in the order they arrive.
        registry.AddOrchestratorFunc<CollectInput, string>("StepThenCollect", async (context, input) =>
        {
            await context.CallActivityAsync<string>("Step", new StepInput(input.Dir, input.Key, input.StepMs));
            var items = new List<string>();
            for (var i = 0; i < input.Count; i++)
            {
                items.Add(await context.WaitForExternalEvent<string>("item"));
            }

            return string.Join(",", items);
        });
    }

    /// <summary>
    /// Cancels on the orchestration's thread (CancelAsync would resume it elsewhere). An orchestration does not
    /// complete while a timer it created is neither fired nor cancelled.
    /// </summary>
#pragma warning disable CA1849
    internal static void CancelNow(CancellationTokenSource source) => source.Cancel();
#pragma warning restore CA1849
}
