
namespace Orchestrator.Storage.Sqlite.Tests.Crash;

/// <summary>
/// A DTFx worker process on a database is killed with SIGKILL in the middle of a burst, then restarted: every instance
/// completes, and no activity whose completion was committed before the kill runs again.
/// </summary>
public sealed class KillMidBurstTests
{
    private const int Instances = 300;
    private const int Steps = 3;

    [Fact]
    public async Task Worker_KilledMidBurst_RestartedEveryInstanceCompletesNoCommittedActivityRerun()
    {
        using var directory = new TempDirectory("orch-sqlite-crash-");
        var path = directory.Combine("crash.db");
        var marks = directory.Sub("marks");
        string[] arguments = ["burst", "--database", path, "--marks", marks, "--count", $"{Instances}", "--steps", $"{Steps}"];

        await using (var first = ChildProcess.StartDotnet(RepoPaths.SqliteTestHostDll, arguments))
        {
            await Eventually.TrueAsync(
                () => Directory.GetFiles(marks, "*.done").Length >= Instances * Steps / 3 || first.HasExited,
                TimeSpan.FromSeconds(120),
                () => $"the burst never got a third of the way; output:{Environment.NewLine}{first.Output}");
            first.Kill();
            (await first.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue();
            first.Output.ShouldNotContain("completed", customMessage: "the kill must land mid-burst");
        }

        var committed = await CommittedActivities.ReadAsync(path);
        var before = CommittedActivities.CountMarks(marks, "started");
        committed.Count.ShouldBeGreaterThan(0);
        committed.Count.ShouldBeLessThan(Instances * Steps);

        await using (var second = ChildProcess.StartDotnet(RepoPaths.SqliteTestHostDll, arguments))
        {
            (await second.WaitForExitAsync(TimeSpan.FromSeconds(180))).ShouldBeTrue($"the restarted burst did not finish; output:{Environment.NewLine}{second.Output}");
            second.ExitCode.ShouldBe(0, second.Output);
        }

        var after = CommittedActivities.CountMarks(marks, "started");
        foreach (var key in committed)
        {
            after[key].ShouldBe(before[key], $"activity {key} completed before the kill and must not run again");
        }

        CommittedActivities.CountMarks(marks, "done").Count.ShouldBe(Instances * Steps, "every activity completed at least once");
    }
}
