using Microsoft.DurableTask;

namespace Orchestrator.TestWorker;

/// <summary>Orchestrations and activities that fail, so the suite can check the failure details each backend keeps.</summary>
public static class FailureTasks
{
    /// <summary>The message every failing task uses, with the kind of failure in front.</summary>
    public const string Message = "rule broken on purpose";

    /// <summary>Registers the failing tasks.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // An activity failing with a custom exception that wraps an inner one.
        registry.AddActivityFunc<int, string>("BreakRule", string (TaskActivityContext _, int attempt) => throw Broken("activity", attempt));

        // An orchestrator that lets an activity failure escape: it fails with TaskFailedException, the activity's
        // failure as its inner failure.
        registry.AddOrchestratorFunc<string, string>("FailInActivity", (context, _) =>
            context.CallActivityAsync<string>("BreakRule", 1));

        // An orchestrator failing by itself.
        registry.AddOrchestratorFunc<string, string>("FailDirectly", string (TaskOrchestrationContext _, string kind) => throw Broken(kind, 2));

        // A parent whose sub-orchestration fails; the child's instance id is the parent's with ":child".
        registry.AddOrchestratorFunc<string, string>("FailInChild", (context, _) =>
            context.CallSubOrchestratorAsync<string>("FailDirectly", "sub-orchestrator", new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}:child" }));

        // Catches the activity failure and tells whether it was caused by the custom exception (and not by another).
        registry.AddOrchestratorFunc<string, string>("CatchByType", async (context, _) =>
        {
            try
            {
                return await context.CallActivityAsync<string>("BreakRule", 3);
            }
            catch (TaskFailedException ex)
            {
                return $"{ex.FailureDetails.IsCausedBy<BusinessRuleException>()}/{ex.FailureDetails.IsCausedBy<FormatException>()}";
            }
        });
    }

    private static BusinessRuleException Broken(string kind, int attempt) =>
        new($"{kind}: {Message}", new ArgumentOutOfRangeException("limit", attempt, "the limit is exceeded")) { Attempt = attempt };
}
