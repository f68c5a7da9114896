using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Sidecar.Tests.Infrastructure;
using Orchestrator.TestWorker;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>
/// What every backend must do through the hardened sidecar; run once per backend by the derived classes. The basic
/// patterns are here, the others in the partial files next to this one (one per pattern).
/// </summary>
public abstract partial class SidecarConformanceTests(BackendFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private BackendFixture Fixture => fixture;

    private DurableTaskClient Client => fixture.Client;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [Fact]
    public async Task Run_ThreeSteps_CompletesWithEachStepOnce()
    {
        var prefix = NewId("basic");
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Steps", new StepsInput(fixture.MarksDir, prefix, 3, 0), Token);

        var done = await Client.WaitForCompletedAsync(id, Deadline);

        done.ReadOutputAs<string>().ShouldBe($"{prefix}-0,{prefix}-1,{prefix}-2");
        for (var i = 0; i < 3; i++)
        {
            Executions.Count(fixture.MarksDir, $"{prefix}-{i}", "started").ShouldBe(1);
        }
    }

    [Fact]
    public async Task Run_ActivityFailsTwice_RetryPolicyMakesExactlyThreeAttempts()
    {
        var key = NewId("retry");
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Retry", new StepInput(fixture.MarksDir, key, 0), Token);

        var done = await Client.WaitForCompletedAsync(id, Deadline);

        done.ReadOutputAs<int>().ShouldBe(3);
        Executions.Count(fixture.MarksDir, key, "started").ShouldBe(3);
    }

    [Fact]
    public async Task Run_DurableTimer_Fires()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Timer", 1, Token);

        var done = await Client.WaitForCompletedAsync(id, Deadline);

        done.ReadOutputAs<string>().ShouldBe("fired");
    }

    [Fact]
    public async Task RaiseEvent_WaitingOrchestration_ReceivesPayload()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("WaitEvent", "x", Token);
        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running, Deadline);

        await Client.RaiseEventAsync(id, "go", "payload", Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<string>().ShouldBe("payload");
    }

    [Fact]
    public async Task SuspendResume_EventRaisedWhileSuspended_DeliveredAfterResume()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("WaitEvent", "x", Token);
        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running, Deadline);

        await Client.SuspendInstanceAsync(id, "pause", Token);
        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended, Deadline);
        await Client.RaiseEventAsync(id, "go", "while-suspended", Token);
        await Task.Delay(TimeSpan.FromSeconds(1), Token);
        (await Client.GetInstanceAsync(id, Token))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Suspended);

        await Client.ResumeInstanceAsync(id, "go on", Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<string>().ShouldBe("while-suspended");
    }

    [Fact]
    public async Task Terminate_RunningOrchestration_EndsTerminated()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("WaitEvent", "x", Token);
        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running, Deadline);

        await Client.TerminateInstanceAsync(id, "stop", Token);

        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated, Deadline);
    }

    [Fact]
    public async Task Run_SubOrchestration_ReturnsChildResult()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Parent", "hi", Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<string>().ShouldBe("parent:child:hi");
    }

    [Fact]
    public async Task Run_ContinueAsNew_RestartsUntilDone()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0, Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<int>().ShouldBe(3);
    }

    [Fact]
    public async Task GetInstance_CustomStatusSet_IsVisible()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Status", "x", Token);

        await Eventually.TrueAsync(
            async () => (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, Token))?.SerializedCustomStatus == "\"halfway\"",
            Deadline,
            "custom status 'halfway' never became visible");
        await Client.RaiseEventAsync(id, "finish", "ok", Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<string>().ShouldBe("ok");
    }

    [Fact]
    public async Task Query_ByStatusPrefixAndCreationTime_FindsOnlyMatches()
    {
        var prefix = NewId("query");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var done = await Client.ScheduleNewOrchestrationInstanceAsync("Counter", 3, new StartOrchestrationOptions($"{prefix}-done"), Token);
        var waiting = await Client.ScheduleNewOrchestrationInstanceAsync("WaitEvent", "x", new StartOrchestrationOptions($"{prefix}-waiting"), Token);
        await Client.WaitForCompletedAsync(done, Deadline);
        await Client.WaitForStatusAsync(waiting, OrchestrationRuntimeStatus.Running, Deadline);

        var completed = await QueryAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Completed] });
        var all = await QueryAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, CreatedFrom = before });
        var future = await QueryAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, CreatedFrom = DateTimeOffset.UtcNow.AddMinutes(10) });

        completed.ShouldBe([done]);
        all.ShouldBe([done, waiting], ignoreOrder: true);
        future.ShouldBeEmpty();
        await Client.TerminateInstanceAsync(waiting, "done", Token);
    }

    [Fact]
    public async Task Purge_OneInstance_RemovesIt()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Counter", 3, Token);
        await Client.WaitForCompletedAsync(id, Deadline);

        var result = await Client.PurgeInstanceAsync(id, cancellation: Token);

        result.PurgedInstanceCount.ShouldBe(1);
        (await Client.GetInstanceAsync(id, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task Purge_ByCreatedTo_RemovesOldKeepsNew()
    {
        var prefix = NewId("purge");
        var from = DateTimeOffset.UtcNow.AddSeconds(-2);
        var old = await Client.ScheduleNewOrchestrationInstanceAsync("Counter", 3, new StartOrchestrationOptions($"{prefix}-old"), Token);
        await Client.WaitForCompletedAsync(old, Deadline);
        await Task.Delay(TimeSpan.FromSeconds(1.5), Token);
        var cutoff = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(1.5), Token);
        var recent = await Client.ScheduleNewOrchestrationInstanceAsync("Counter", 3, new StartOrchestrationOptions($"{prefix}-new"), Token);
        await Client.WaitForCompletedAsync(recent, Deadline);

        await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, cutoff, [OrchestrationRuntimeStatus.Completed]), Token);

        (await Client.GetInstanceAsync(old, Token)).ShouldBeNull("the instance created before CreatedTo should be purged");
        (await Client.GetInstanceAsync(recent, Token)).ShouldNotBeNull("the instance created after CreatedTo should be kept");
    }

    [Fact]
    public async Task WaitForCompletion_UnknownInstance_AnswersNotFound()
    {
        var wait = Client.WaitForInstanceCompletionAsync(NewId("missing"), Token);

        var error = await Should.ThrowAsync<RpcException>(wait.WaitAsync(Deadline, Token));

        error.StatusCode.ShouldBe(StatusCode.NotFound);
    }

    [Fact]
    public async Task Run_FiveHundredConcurrentRuns_AllComplete()
    {
        var prefix = NewId("load");
        var ids = await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
            Client.ScheduleNewOrchestrationInstanceAsync("ThreeEchoes", $"run{i}", new StartOrchestrationOptions($"{prefix}-{i}"), Token)));

        // Azurite completes 13–30 such runs/s on two idle cores (docs/benchmarks.md#latest-figures), so 500 take up to
        // 40 s there; on a machine shared with other builds it has taken over 2 minutes.
        await Eventually.TrueAsync(
            async () => (await QueryAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 1000 })).Count == ids.Length,
            TimeSpan.FromMinutes(6),
            "not all 500 concurrent runs completed");
        var failed = await QueryAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Failed] });
        failed.ShouldBeEmpty();
    }

    private async Task<List<string>> QueryAsync(OrchestrationQuery query) =>
        [.. (await QueryInstancesAsync(query)).Select(i => i.InstanceId)];

    private async Task<List<OrchestrationMetadata>> QueryInstancesAsync(OrchestrationQuery query)
    {
        var instances = new List<OrchestrationMetadata>();
        await foreach (var instance in Client.GetAllInstancesAsync(query))
        {
            instances.Add(instance);
        }

        return instances;
    }
}
