using Microsoft.DurableTask;

namespace Orchestrator.TestWorker;

/// <summary>Retries decided by custom handlers, for activities and sub-orchestrations.</summary>
public static class RetryTasks
{
    /// <summary>Registers the retry tasks.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // Retries "Flaky" (fails twice, then answers its attempt count) while the handler says so: only failures caused
        // by InvalidOperationException, at most 5 attempts.
        registry.AddOrchestratorFunc<StepInput, int>("RetryWithHandler", (context, input) =>
            context.CallActivityAsync<int>("Flaky", input, TaskOptions.FromRetryHandler(RetryInvalidOperation)));

        // The handler refuses to retry a failure caused by the custom exception: one attempt, then the run fails.
        registry.AddOrchestratorFunc<StepInput, string>("HandlerRefuses", (context, input) =>
            context.CallActivityAsync<string>("BreakRuleCounted", input, TaskOptions.FromRetryHandler(RetryInvalidOperation)));
        registry.AddActivityFunc<StepInput, string>("BreakRuleCounted", string (TaskActivityContext _, StepInput input) =>
        {
            Executions.Mark(input.Dir, input.Key, "started");
            throw new BusinessRuleException("counted: " + FailureTasks.Message);
        });

        // A sub-orchestration failing by itself on its first two runs, retried by a handler until it succeeds.
        registry.AddOrchestratorFunc<StepInput, int>("RetryChildWithHandler", (context, input) =>
            context.CallSubOrchestratorAsync<int>("FlakyChild", input, new SubOrchestrationOptions(TaskOptions.FromRetryHandler(RetryInvalidOperation))));
        registry.AddOrchestratorFunc<StepInput, int>("FlakyChild", async (context, input) =>
        {
            var runs = await context.CallActivityAsync<int>("CountRun", input);
            return runs < 3 ? throw new InvalidOperationException($"run {runs} fails on purpose") : runs;
        });
        registry.AddActivityFunc<StepInput, int>("CountRun", (_, input) =>
        {
            Executions.Mark(input.Dir, input.Key, "started");
            return Executions.Count(input.Dir, input.Key, "started");
        });
    }

    private static bool RetryInvalidOperation(RetryContext retry) =>
        retry.LastFailure.IsCausedBy<InvalidOperationException>() && retry.LastAttemptNumber < 5;
}
