using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Orchestrator.SqliteTestHost;
using Orchestrator.Storage.Sqlite.Tests.Infrastructure;

namespace Orchestrator.Storage.Sqlite.Tests.Patterns;

/// <summary>Plain DTFx (TaskHubWorker + TaskHubClient) on the SQLite store: every orchestration pattern.</summary>
public sealed class DtfxPatternTests
{
    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [Fact]
    public async Task Steps_ThreeActivities_CompleteEachOnce()
    {
        await using var hub = await SqliteHub.StartAsync(s => s.PollInterval = TimeSpan.FromHours(1));

        var instance = await hub.Client.CreateOrchestrationInstanceAsync(typeof(StepsOrchestration), new StepsInput(hub.MarksDir, "s", 3, 0));
        var state = await hub.WaitAsync(instance);

        // With an hour-long poll, finishing at all shows that work enqueued in this process woke the dispatchers.
        state.Output.ShouldBe("\"s_0,s_1,s_2\"");
        for (var i = 0; i < 3; i++)
        {
            Marks.Count(hub.MarksDir, $"s_{i}", "done").ShouldBe(1);
        }
    }

    [Fact]
    public async Task Timer_OneSecond_FiresAtItsTimeWithoutPolling()
    {
        await using var hub = await SqliteHub.StartAsync(s => s.PollInterval = TimeSpan.FromHours(1));

        var instance = await hub.Client.CreateOrchestrationInstanceAsync(typeof(TimerOrchestration), 1);

        (await hub.WaitAsync(instance)).Output.ShouldBe("\"fired\"");
    }

    [Fact]
    public async Task ContinueAsNew_ThreeTimes_NewExecutionAndOnlyItsHistoryKept()
    {
        await using var hub = await SqliteHub.StartAsync();

        var instance = await hub.Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), 0);
        var state = await hub.WaitAsync(instance);

        state.Output.ShouldBe("3");
        state.OrchestrationInstance.ExecutionId.ShouldNotBe(instance.ExecutionId);
        var history = await hub.Service.GetOrchestrationHistoryAsync(instance.InstanceId, executionId: null);
        history.Split("\"EventType\":0,", StringSplitOptions.None).Length.ShouldBe(2, "only the last execution's history is kept (one ExecutionStarted)");
        history.ShouldContain("\"Input\":\"3\"");
    }

    [Fact]
    public async Task SubOrchestration_ChildCompletes_ParentGetsResultAndChildNamesParent()
    {
        await using var hub = await SqliteHub.StartAsync();

        var instance = await hub.Client.CreateOrchestrationInstanceAsync(typeof(ParentOrchestration), NewId("p"), "hi");
        var state = await hub.WaitAsync(instance);

        state.Output.ShouldBe("\"parent:child:hi\"");
        var child = (await hub.Client.GetOrchestrationStateAsync($"{instance.InstanceId}-child")).ShouldNotBeNull();
        child.OrchestrationStatus.ShouldBe(OrchestrationStatus.Completed);
        child.ParentInstance.OrchestrationInstance.InstanceId.ShouldBe(instance.InstanceId);
    }

    [Fact]
    public async Task RaiseEvent_Waiting_CompletesWithPayloadAndCustomStatusWasVisible()
    {
        await using var hub = await SqliteHub.StartAsync();
        var instance = await hub.StartWaitingAsync();

        (await hub.Client.GetOrchestrationStateAsync(instance.InstanceId))!.Status.ShouldBe("\"waiting\"");
        await hub.Client.RaiseEventAsync(instance, "go", "payload");

        (await hub.WaitAsync(instance)).Output.ShouldBe("\"payload\"");
    }

    [Fact]
    public async Task Terminate_Waiting_EndsTerminatedAndLaterEventsAreDropped()
    {
        await using var hub = await SqliteHub.StartAsync();
        var instance = await hub.StartWaitingAsync();

        await hub.Client.TerminateInstanceAsync(instance, "stop");
        await hub.WaitAsync(instance, OrchestrationStatus.Terminated);
        await hub.Client.RaiseEventAsync(instance, "go", "late");

        (await hub.Client.GetOrchestrationStateAsync(instance.InstanceId))!.OrchestrationStatus.ShouldBe(OrchestrationStatus.Terminated);
        (await hub.CountAsync("messages")).ShouldBe(0, "an event for a finished instance is not kept");
    }

    [Fact]
    public async Task SuspendResume_EventWhileSuspended_DeliveredAfterResume()
    {
        await using var hub = await SqliteHub.StartAsync();
        var instance = await hub.StartWaitingAsync();

        await hub.Client.SuspendInstanceAsync(instance, "pause");
        await hub.WaitForStatusAsync(instance, OrchestrationStatus.Suspended);
        await hub.Client.RaiseEventAsync(instance, "go", "while-suspended");
        await Eventually.TrueAsync(async () => await hub.CountAsync("messages") == 0, TimeSpan.FromSeconds(30), "the event was never processed");
        (await hub.Client.GetOrchestrationStateAsync(instance.InstanceId))!.OrchestrationStatus.ShouldBe(OrchestrationStatus.Suspended);

        await hub.Client.ResumeInstanceAsync(instance, "go on");

        (await hub.WaitAsync(instance)).Output.ShouldBe("\"while-suspended\"");
    }

    [Fact]
    public async Task Create_SameIdWhileRunning_ThrowsAlreadyExists()
    {
        await using var hub = await SqliteHub.StartAsync();
        var id = NewId("dup");
        await hub.Client.CreateOrchestrationInstanceAsync(typeof(WaitEventOrchestration), id, "x");

        await Should.ThrowAsync<OrchestrationAlreadyExistsException>(
            hub.Client.CreateOrchestrationInstanceAsync(typeof(WaitEventOrchestration), id, "x", [OrchestrationStatus.Pending, OrchestrationStatus.Running]));
    }

    [Fact]
    public async Task Create_SameIdAfterCompletion_ReplacesTheInstance()
    {
        await using var hub = await SqliteHub.StartAsync();
        var id = NewId("again");
        var first = await hub.Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), id, 3);
        await hub.WaitAsync(first);

        var second = await hub.Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), id, 2);

        (await hub.WaitAsync(second)).OrchestrationInstance.ExecutionId.ShouldNotBe(first.ExecutionId);
    }

    [Fact]
    public async Task LargeInput_AboveThreshold_StoredInPayloadsAndRoundTrips()
    {
        await using var hub = await SqliteHub.StartAsync(s => s.PayloadThreshold = 1024);
        var big = new string('x', 20_000);

        var instance = await hub.Client.CreateOrchestrationInstanceAsync(typeof(ParentOrchestration), NewId("big"), big);
        var state = await hub.WaitAsync(instance);

        state.Output.ShouldBe($"\"parent:child:{big}\"");
        state.Input.ShouldBe($"\"{big}\"");
        (await hub.CountAsync("payloads")).ShouldBeGreaterThan(0);
        (await hub.ScalarAsync("SELECT max(length(data)) FROM history")).ShouldBeOfType<long>().ShouldBeLessThanOrEqualTo(1024);
        (await hub.ScalarAsync("SELECT count(*) FROM instances WHERE input IS NULL AND input_payload IS NOT NULL")).ShouldBe(2L);

        await hub.Service.PurgeInstanceStateAsync(instance.InstanceId);
        await hub.Service.PurgeInstanceStateAsync($"{instance.InstanceId}-child");
        (await hub.CountAsync("payloads")).ShouldBe(0, "purge removes an instance's payloads with it");
    }
}
