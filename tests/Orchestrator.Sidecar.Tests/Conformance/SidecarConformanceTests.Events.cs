using Microsoft.DurableTask.Client;
using Orchestrator.Sidecar.Tests.Infrastructure;
using Orchestrator.TestWorker;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>External events: waits with a timeout or a cancellation, several events in a row, events in flight while suspended.</summary>
public abstract partial class SidecarConformanceTests
{
    [Fact]
    public async Task WaitForEvent_AnswerBeforeTheTimeout_AnswerWins()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("AnswerWithin", 60, Token);
        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running, Deadline);

        await Client.RaiseEventAsync(id, "answer", "yes", Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<string>().ShouldBe("answer:yes");
    }

    [Fact]
    public async Task WaitForEvent_NoAnswer_TimeoutWinsAndALateAnswerChangesNothing()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("AnswerWithin", 1, Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<string>().ShouldBe("timed out");
        await Client.RaiseEventAsync(id, "answer", "too late", Token);

        var after = await Client.GetInstanceAsync(id, getInputsAndOutputs: true, Token);
        after.ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        after.ReadOutputAs<string>().ShouldBe("timed out");
    }

    [Fact]
    public async Task WaitForEvent_CancelledBeforeTheAnswer_WaitEndsCancelled()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("AnswerUnlessCancelled", "x", Token);
        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running, Deadline);

        await Client.RaiseEventAsync(id, "cancel", "stop", Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<string>().ShouldBe("cancelled");
    }

    [Fact]
    public async Task WaitForEvent_AnswerBeforeTheCancellation_AnswerWins()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("AnswerUnlessCancelled", "x", Token);
        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running, Deadline);

        await Client.RaiseEventAsync(id, "answer", "first", Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<string>().ShouldBe("answer:first");
    }

    [Fact]
    public async Task RaiseEvent_SeveralBeforeTheyAreAwaited_AllDeliveredInOrder()
    {
        var key = NewId("collect");
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("StepThenCollect", new CollectInput(Fixture.MarksDir, key, 0, 5), Token);

        for (var i = 1; i <= 5; i++)
        {
            await Client.RaiseEventAsync(id, "item", $"e{i}", Token);
        }

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<string>().ShouldBe("e1,e2,e3,e4,e5");
    }

    [Fact]
    public async Task SuspendResume_ActivityEndsAndEventsArriveWhileSuspended_AllDeliveredAfterResume()
    {
        var key = NewId("suspended");
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("StepThenCollect", new CollectInput(Fixture.MarksDir, key, 1500, 3), Token);
        await Eventually.TrueAsync(() => Executions.Count(Fixture.MarksDir, key, "started") == 1, Deadline, "the step never started");

        await Client.SuspendInstanceAsync(id, "pause", Token);
        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended, Deadline);
        foreach (var item in new[] { "a", "b", "c" })
        {
            await Client.RaiseEventAsync(id, "item", item, Token);
        }

        await Eventually.TrueAsync(() => Executions.Count(Fixture.MarksDir, key, "done") == 1, Deadline, "the step never finished");
        await Task.Delay(TimeSpan.FromSeconds(1), Token);
        (await Client.GetInstanceAsync(id, Token))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Suspended, "the instance ran on while suspended");

        await Client.ResumeInstanceAsync(id, "go on", Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<string>().ShouldBe("a,b,c");
        Executions.Count(Fixture.MarksDir, key, "started").ShouldBe(1);
    }
}
