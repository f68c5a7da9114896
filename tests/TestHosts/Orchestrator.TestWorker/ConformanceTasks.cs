using Microsoft.DurableTask;

namespace Orchestrator.TestWorker;

/// <summary>The orchestrations and activities the sidecar conformance suite runs.</summary>
public static class ConformanceTasks
{
    /// <summary>Registers every task.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        FailureTasks.Register(registry);
        ContinueAsNewTasks.Register(registry);
        EventTasks.Register(registry);
        RetryTasks.Register(registry);
        VersionTasks.Register(registry);
        LargeTasks.Register(registry);
        TimerTasks.Register(registry);

        registry.AddActivityFunc<StepInput, string>("Step", async (_, input) =>
        {
            Executions.Mark(input.Dir, input.Key, "started");
            await Task.Delay(input.DelayMs);
            Executions.Mark(input.Dir, input.Key, "done");
            return input.Key;
        });
        registry.AddActivityFunc<StepInput, int>("Flaky", (_, input) =>
        {
            Executions.Mark(input.Dir, input.Key, "started");
            var attempts = Executions.Count(input.Dir, input.Key, "started");
            return attempts < 3 ? throw new InvalidOperationException($"attempt {attempts} fails on purpose") : attempts;
        });
        registry.AddActivityFunc<string, string>("Echo", (_, input) => input);

        registry.AddOrchestratorFunc<StepsInput, string>("Steps", async (context, input) =>
        {
            var results = new List<string>();
            for (var i = 0; i < input.Count; i++)
            {
                var delay = i == input.SlowIndex ? input.SlowDelayMs : input.DelayMs;
                results.Add(await context.CallActivityAsync<string>("Step", new StepInput(input.Dir, $"{input.Prefix}-{i}", delay)));
            }

            return string.Join(",", results);
        });
        registry.AddOrchestratorFunc<string, string>("ThreeEchoes", async (context, input) =>
        {
            var a = await context.CallActivityAsync<string>("Echo", input);
            var b = await context.CallActivityAsync<string>("Echo", a);
            return await context.CallActivityAsync<string>("Echo", b);
        });
        registry.AddOrchestratorFunc<StepInput, int>("Retry", (context, input) =>
            context.CallActivityAsync<int>(
                "Flaky",
                input,
                TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromMilliseconds(100)))));
        registry.AddOrchestratorFunc<int, string>("Timer", async (context, seconds) =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(seconds), CancellationToken.None);
            return "fired";
        });
        registry.AddOrchestratorFunc<string, string>("WaitEvent", async (context, _) =>
            await context.WaitForExternalEvent<string>("go"));
        registry.AddOrchestratorFunc<string, string>("Parent", async (context, input) =>
            "parent:" + await context.CallSubOrchestratorAsync<string>("Child", input));
        registry.AddOrchestratorFunc<string, string>("Child", async (context, input) =>
            "child:" + await context.CallActivityAsync<string>("Echo", input));
        registry.AddOrchestratorFunc<int, int>("Counter", (context, n) =>
        {
            if (n < 3)
            {
                context.ContinueAsNew(n + 1);
                return Task.FromResult(n);
            }

            return Task.FromResult(n);
        });
        registry.AddOrchestratorFunc<string, string>("Status", async (context, _) =>
        {
            context.SetCustomStatus("halfway");
            return await context.WaitForExternalEvent<string>("finish");
        });
    }
}
