using DurableTask.Core;
using DurableTask.Core.History;
using Orchestrator.SqliteTestHost;
using Orchestrator.Storage.Sqlite.Tests.Infrastructure;

namespace Orchestrator.Storage.Sqlite.Tests.Locks;

/// <summary>The lock rules, driven directly: expiry, takeover, stale checkpoints and completions rejected, renewal.</summary>
public sealed class LockRulesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Checkpoint_LockExpiredAndTakenOver_RejectedAndNothingWritten()
    {
        await using var hub = await SqliteHub.StartAsync(s => s.LockTimeout = TimeSpan.FromSeconds(1), withWorker: false);
        await hub.Client.CreateOrchestrationInstanceAsync(typeof(StepsOrchestration), "stale", new StepsInput(hub.MarksDir, "k", 1, 0));
        var first = await Episode.LockAsync(hub.Service);

        // The first holder's lock expires; a second lock attempt picks the instance up again (how a killed process's work resumes).
        var second = await Episode.LockAsync(hub.Service);

        second.InstanceId.ShouldBe("stale");
        await Should.ThrowAsync<SqliteLockLostException>(Episode.CompleteAsync(hub.Service, first, scheduleActivity: nameof(EchoActivity)));
        (await hub.CountAsync("history")).ShouldBe(0);
        (await hub.CountAsync("tasks")).ShouldBe(0);
        await hub.Service.AbandonTaskOrchestrationWorkItemAsync(first);

        await Episode.CompleteAsync(hub.Service, second, scheduleActivity: nameof(EchoActivity));

        (await hub.CountAsync("tasks")).ShouldBe(1);
        (await hub.CountAsync("messages")).ShouldBe(0, "the consumed start message is deleted in the same transaction");
        (await hub.Client.GetOrchestrationStateAsync("stale"))!.OrchestrationStatus.ShouldBe(OrchestrationStatus.Running);
    }

    [Fact]
    public async Task Checkpoint_CompletedTwice_SecondRejected()
    {
        await using var hub = await SqliteHub.StartAsync(withWorker: false);
        await hub.Client.CreateOrchestrationInstanceAsync(typeof(StepsOrchestration), "twice", new StepsInput(hub.MarksDir, "k", 1, 0));
        var item = await Episode.LockAsync(hub.Service);
        await Episode.CompleteAsync(hub.Service, item, scheduleActivity: nameof(EchoActivity));

        await Should.ThrowAsync<SqliteLockLostException>(hub.Service.CompleteTaskOrchestrationWorkItemAsync(
            item, item.OrchestrationRuntimeState, [new TaskMessage { Event = new TaskScheduledEvent(9, nameof(EchoActivity)), OrchestrationInstance = item.OrchestrationRuntimeState.OrchestrationInstance }], [], [], null!, null!));

        (await hub.CountAsync("tasks")).ShouldBe(1, "the activity is scheduled once");
    }

    [Fact]
    public async Task Renew_HeldPastTheOriginalExpiry_KeepsTheLockAndExtendsIt()
    {
        await using var hub = await SqliteHub.StartAsync(s => s.LockTimeout = TimeSpan.FromSeconds(3), withWorker: false);
        await hub.Client.CreateOrchestrationInstanceAsync(typeof(StepsOrchestration), "renew", new StepsInput(hub.MarksDir, "k", 1, 0));
        var item = await Episode.LockAsync(hub.Service);
        var firstExpiry = item.LockedUntilUtc;

        for (var i = 0; i < 9; i++)
        {
            await Task.Delay(500, Token);
            await hub.Service.RenewTaskOrchestrationWorkItemLockAsync(item);
        }

        item.LockedUntilUtc.ShouldBeGreaterThan(firstExpiry);
        (await hub.Service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(200), Token)).ShouldBeNull("a renewed lock is not handed to anyone else");
        await Episode.CompleteAsync(hub.Service, item, scheduleActivity: nameof(EchoActivity));
    }

    [Fact]
    public async Task ActivityCompletion_LockTakenOver_RejectedAndResultDeliveredOnce()
    {
        await using var hub = await SqliteHub.StartAsync(s => s.LockTimeout = TimeSpan.FromSeconds(1), withWorker: false);
        await hub.Client.CreateOrchestrationInstanceAsync(typeof(StepsOrchestration), "act", new StepsInput(hub.MarksDir, "k", 1, 0));
        await Episode.CompleteAsync(hub.Service, await Episode.LockAsync(hub.Service), scheduleActivity: nameof(EchoActivity));
        var first = await Episode.LockActivityAsync(hub.Service);
        var second = await Episode.LockActivityAsync(hub.Service);
        TaskMessage Response(TaskActivityWorkItem item) => new()
        {
            Event = new TaskCompletedEvent(-1, ((TaskScheduledEvent)item.TaskMessage.Event).EventId, "\"x\""),
            OrchestrationInstance = item.TaskMessage.OrchestrationInstance,
        };

        await Should.ThrowAsync<SqliteLockLostException>(hub.Service.CompleteTaskActivityWorkItemAsync(first, Response(first)));
        await Should.ThrowAsync<SqliteLockLostException>(hub.Service.RenewTaskActivityWorkItemLockAsync(first));
        (await hub.CountAsync("messages")).ShouldBe(0);
        await hub.Service.CompleteTaskActivityWorkItemAsync(second, Response(second));

        (await hub.CountAsync("messages")).ShouldBe(1);
        (await hub.CountAsync("tasks")).ShouldBe(0);
    }

    [Fact]
    public async Task Timer_DueInAnHour_NotDeliveredBeforeItsTime()
    {
        await using var hub = await SqliteHub.StartAsync(withWorker: false);
        await hub.Client.CreateOrchestrationInstanceAsync(typeof(TimerOrchestration), "later", 3600);
        await Episode.CompleteAsync(hub.Service, await Episode.LockAsync(hub.Service), timerAt: DateTime.UtcNow.AddHours(1));

        var next = await hub.Service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(300), Token);

        next.ShouldBeNull();
        (await hub.ScalarAsync("SELECT count(*) FROM messages WHERE event_type = 11")).ShouldBe(1L, "the timer message is stored, just not visible yet");
    }

    [Fact]
    public async Task Abandon_Orchestration_RedeliveredWithTheSameMessages()
    {
        await using var hub = await SqliteHub.StartAsync(withWorker: false);
        await hub.Client.CreateOrchestrationInstanceAsync(typeof(StepsOrchestration), "abandon", new StepsInput(hub.MarksDir, "k", 1, 0));
        var first = await Episode.LockAsync(hub.Service);

        await hub.Service.AbandonTaskOrchestrationWorkItemAsync(first);
        var again = await Episode.LockAsync(hub.Service);

        again.InstanceId.ShouldBe("abandon");
        again.NewMessages.Single().Event.ShouldBeOfType<ExecutionStartedEvent>();
    }
}
