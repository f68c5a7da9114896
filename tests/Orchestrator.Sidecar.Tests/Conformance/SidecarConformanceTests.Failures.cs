using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Sidecar.Tests.Infrastructure;
using Orchestrator.TestWorker;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>
/// Failure details of failed instances: type, message, stack trace, inner failures and custom exception properties, as
/// GetInstance and queries return them (docs/sidecar.md#7-failed-instances-lose-their-failure-details).
/// </summary>
public abstract partial class SidecarConformanceTests
{
    [Fact]
    public async Task Failure_ActivityThrows_InstanceKeepsTheActivitysDetailsAsInnerFailure()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("FailInActivity", "x", Token);

        var failed = await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Failed, Deadline);

        var details = failed.FailureDetails.ShouldNotBeNull("a failed instance has failure details");
        details.ErrorType.ShouldBe(typeof(TaskFailedException).FullName);
        details.ErrorMessage.ShouldContain("BreakRule");
        ShouldBeBrokenRule(details.InnerFailure.ShouldNotBeNull("the activity's failure is the inner failure"), "activity", 1, innerHasProperties: true);
    }

    [Fact]
    public async Task Failure_OrchestratorThrows_InstanceKeepsTypeMessageStackInnerAndProperties()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("FailDirectly", "orchestrator", Token);

        var failed = await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Failed, Deadline);

        ShouldBeBrokenRule(failed.FailureDetails.ShouldNotBeNull("a failed instance has failure details"), "orchestrator", 2);
    }

    [Fact]
    public async Task Failure_SubOrchestrationThrows_ParentAndChildKeepTheirDetails()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("FailInChild", "x", Token);

        var parent = await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Failed, Deadline);
        var child = await Client.WaitForStatusAsync($"{id}:child", OrchestrationRuntimeStatus.Failed, Deadline);

        var details = parent.FailureDetails.ShouldNotBeNull("the failed parent has failure details");
        details.ErrorType.ShouldBe(typeof(TaskFailedException).FullName);
        ShouldBeBrokenRule(details.InnerFailure.ShouldNotBeNull("the child's failure is the parent's inner failure"), "sub-orchestrator", 2);
        ShouldBeBrokenRule(child.FailureDetails.ShouldNotBeNull("the failed child has failure details"), "sub-orchestrator", 2);
    }

    [Fact]
    public async Task Failure_Query_ReturnsTheDetailsGetInstanceReturns()
    {
        var prefix = NewId("failq");
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("FailDirectly", "orchestrator", new StartOrchestrationOptions($"{prefix}-1"), Token);
        var single = await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Failed, Deadline);

        var listed = await QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, FetchInputsAndOutputs = true });

        var found = listed.ShouldHaveSingleItem();
        found.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        found.SerializedOutput.ShouldBe(single.SerializedOutput);
        ShouldBeBrokenRule(found.FailureDetails.ShouldNotBeNull("a queried failed instance has failure details"), "orchestrator", 2);
    }

    [Fact]
    public async Task Failure_CaughtInTheOrchestrator_IsCausedByMatchesTheCustomTypeOnly()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("CatchByType", "x", Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<string>().ShouldBe("True/False");
    }

    // The SDK asks the exception properties provider about an activity's inner exceptions too, but not about an
    // orchestrator's (DurableTask.Core builds those details).
    private static void ShouldBeBrokenRule(TaskFailureDetails details, string kind, int attempt, bool innerHasProperties = false)
    {
        details.ErrorType.ShouldBe(typeof(BusinessRuleException).FullName);
        details.ErrorMessage.ShouldBe($"{kind}: {FailureTasks.Message}");
        details.StackTrace.ShouldNotBeNull().ShouldContain(nameof(FailureTasks));
        var properties = details.Properties.ShouldNotBeNull("the custom exception's properties are kept");
        properties.Count.ShouldBe(6, string.Join(", ", properties.Keys));
        properties["code"].ShouldBe("RULE-1");
        properties["attempt"].ShouldBe((double)attempt);
        properties["limit"].ShouldBe(9_999_999_999d);
        properties["critical"].ShouldBe(true);
        properties["at"].ShouldBe(new DateTime(2025, 10, 15, 14, 30, 0, DateTimeKind.Utc));
        properties["missing"].ShouldBeNull();

        var inner = details.InnerFailure.ShouldNotBeNull("the custom exception's inner exception is kept");
        inner.ErrorType.ShouldBe(typeof(ArgumentOutOfRangeException).FullName);
        inner.ErrorMessage.ShouldContain("the limit is exceeded");
        if (innerHasProperties)
        {
            var innerProperties = inner.Properties.ShouldNotBeNull("the inner exception's properties are kept");
            innerProperties["param"].ShouldBe("limit");
            innerProperties["actual"].ShouldBe(attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
