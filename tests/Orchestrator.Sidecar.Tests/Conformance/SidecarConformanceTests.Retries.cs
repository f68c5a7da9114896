using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Sidecar.Tests.Infrastructure;
using Orchestrator.TestWorker;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>Retries decided by custom handlers: for activities and sub-orchestrations, and a handler that refuses.</summary>
public abstract partial class SidecarConformanceTests
{
    [Fact]
    public async Task Retry_HandlerRetriesTheFailuresItAccepts_ThirdAttemptSucceeds()
    {
        var key = NewId("handler");
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("RetryWithHandler", new StepInput(Fixture.MarksDir, key, 0), Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<int>().ShouldBe(3);
        Executions.Count(Fixture.MarksDir, key, "started").ShouldBe(3);
    }

    [Fact]
    public async Task Retry_HandlerRefusesTheFailure_OneAttemptThenTheInstanceFails()
    {
        var key = NewId("refused");
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("HandlerRefuses", new StepInput(Fixture.MarksDir, key, 0), Token);

        var failed = await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Failed, Deadline);

        Executions.Count(Fixture.MarksDir, key, "started").ShouldBe(1);
        var details = failed.FailureDetails.ShouldNotBeNull();
        details.ErrorType.ShouldBe(typeof(TaskFailedException).FullName);
        details.InnerFailure.ShouldNotBeNull().ErrorType.ShouldBe(typeof(BusinessRuleException).FullName);
    }

    [Fact]
    public async Task Retry_SubOrchestrationWithAHandler_RetriedUntilItSucceeds()
    {
        var key = NewId("child-retry");
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("RetryChildWithHandler", new StepInput(Fixture.MarksDir, key, 0), Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<int>().ShouldBe(3);
        Executions.Count(Fixture.MarksDir, key, "started").ShouldBe(3);
    }
}
