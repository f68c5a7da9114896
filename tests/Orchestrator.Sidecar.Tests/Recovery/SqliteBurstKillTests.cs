using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Sidecar.Tests.Infrastructure;
using Orchestrator.TestWorker;

namespace Orchestrator.Sidecar.Tests.Recovery;

/// <summary>
/// The storage promise: the sqlite sidecar process killed with -9 during a burst of 1,000 runs, then restarted: every run
/// completes and no activity whose completion was committed before the kill runs again.
/// </summary>
public sealed class SqliteBurstKillTests
{
    private const int Runs = 1000;
    private const int Steps = 3;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SqliteSidecarKilledMidBurst_Restarted_EveryRunCompletesNoCommittedActivityRerun()
    {
        using var data = new TempDirectory("orch-burst-");
        using var marks = new TempDirectory("orch-marks-");
        var database = data.Combine("burst.db");
        string[] arguments = ["--backend", "sqlite", "--database", database];
        await using (var first = await SidecarProcess.StartAsync(arguments))
        await using (var worker = WorkerProcess.Start(first.Address))
        await using (var client = await WorkerHost.StartAsync(first.Address, withWorker: false))
        {
            await Task.WhenAll(Enumerable.Range(0, Runs).Select(i => client.Client.ScheduleNewOrchestrationInstanceAsync(
                "Steps", new StepsInput(marks.Path, $"r{i}", Steps, 0), new StartOrchestrationOptions($"burst-{i}"), Token)));
            await Eventually.TrueAsync(
                () => Directory.GetFiles(marks.Path, "*.done").Length >= Runs * Steps / 3,
                TimeSpan.FromSeconds(120),
                () => $"the burst never got a third of the way; sidecar output:{Environment.NewLine}{first.Process.Output}");
            first.Process.Kill();
            worker.Kill();
            (await first.Process.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue("the sidecar did not die");
        }

        var committed = await CommittedActivities.ReadAsync(database);
        var before = CommittedActivities.CountMarks(marks.Path, "started");
        committed.Count.ShouldBeLessThan(Runs * Steps, "the kill must land mid-burst");

        await using (var second = await SidecarProcess.StartAsync(arguments))
        await using (var worker = WorkerProcess.Start(second.Address))
        await using (var client = await WorkerHost.StartAsync(second.Address, withWorker: false))
        {
            await Eventually.TrueAsync(
                async () => await CountCompletedAsync(client.Client) == Runs,
                TimeSpan.FromMinutes(3),
                () => $"not all {Runs} runs completed after the restart; sidecar output:{Environment.NewLine}{second.Process.Output}");
        }

        var after = CommittedActivities.CountMarks(marks.Path, "started");
        foreach (var key in committed)
        {
            after[key].ShouldBe(before[key], $"activity {key} completed before the kill and must not run again");
        }

        CommittedActivities.CountMarks(marks.Path, "done").Count.ShouldBe(Runs * Steps, "every activity completed at least once");
    }

    private static async Task<int> CountCompletedAsync(DurableTaskClient client)
    {
        var completed = 0;
        await foreach (var _ in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "burst-", Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 1000 }))
        {
            completed++;
        }

        return completed;
    }
}
