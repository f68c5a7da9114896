using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Sidecar.Tests.Infrastructure;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>
/// Work for an instance that no longer exists: a completed instance purged while its backstop timer is pending (the
/// way a run with a phase timeout ends). The timer's message is dropped once, with one log line, and never comes back
/// (docs/sidecar.md#9-work-for-a-purged-instance-spins).
/// </summary>
public abstract partial class SidecarConformanceTests
{
    private const int BackstopSeconds = 2;

    // What the sidecar's line says about dropped work (Logs.DroppedOrphanedWork).
    private const string OrphanedWorkLine = "the instance does not exist";

    [Fact]
    public async Task Purge_BeforeItsTimerFires_TimerDroppedOnceAndTheSidecarStaysQuiet()
    {
        var id = NewId("purged");
        await Client.ScheduleNewOrchestrationInstanceAsync("QuickWithBackstop", BackstopSeconds, new StartOrchestrationOptions(id), Token);
        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<string>().ShouldBe("quick");

        Fixture.Logs.Watch(id);
        try
        {
            (await Client.PurgeInstanceAsync(id, cancellation: Token)).PurgedInstanceCount.ShouldBe(1);

            if (Fixture.HandsOutWorkForMissingInstances)
            {
                // The backend hands the fired timer to the sidecar, which drops it with one line.
                await Eventually.TrueAsync(
                    () => Fixture.Logs.Count(id, OrphanedWorkLine) > 0,
                    Deadline,
                    () => $"the timer of the purged instance was never dropped:{Environment.NewLine}{Fixture.Logs.Sample(id)}");
                var atDrop = Fixture.Logs.Count(id);

                // Work the dispatcher takes after the drop: had the timer come back, it would have come back by now.
                var after = await Client.ScheduleNewOrchestrationInstanceAsync("QuickWithBackstop", 60, Token);
                (await Client.WaitForCompletedAsync(after, Deadline)).ReadOutputAs<string>().ShouldBe("quick");
                await Client.PurgeInstanceAsync(after, cancellation: Token);

                Fixture.Logs.Count(id, OrphanedWorkLine).ShouldBe(1, Fixture.Logs.Sample(id));
                Fixture.Logs.Count(id).ShouldBe(atDrop, $"the timer's work kept coming back:{Environment.NewLine}{Fixture.Logs.Sample(id)}");
            }

            Fixture.Logs.Errors(id).ShouldBe(0, $"the dispatcher failed on work for the purged instance:{Environment.NewLine}{Fixture.Logs.Sample(id)}");
        }
        finally
        {
            Fixture.Logs.Unwatch(id);
        }

        // The id can be used again, and the old timer does not reach the new instance (its own backstop is long, so
        // only the old one could win the race).
        await Client.ScheduleNewOrchestrationInstanceAsync("QuickWithBackstop", 60, new StartOrchestrationOptions(id), Token);
        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<string>().ShouldBe("quick");
    }
}
