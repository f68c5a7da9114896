namespace Orchestrator.IntegrationTests.Durability;

/// <summary>
/// `orchestrator run` on the default backend (sqlite, the user's database) killed or interrupted in the middle of a
/// run, then `orchestrator run --resume`: the run finishes and no completed phase runs again
/// (docs/running-workflows.md#crashes-and-resuming).
/// </summary>
public sealed class ResumeTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly UserMachine _machine = new();

    public void Dispose() => _machine.Dispose();

    [Fact]
    public async Task Run_KilledMidRun_ResumeFinishesItAndEveryCompletedPhaseRanOnce()
    {
        string runId;
        await using (var run = _machine.Start("run", "journal"))
        {
            runId = await UserMachine.StartedRunIdAsync(run);

            // `run` prints a phase done once its completion is committed; a phase whose result was not yet committed
            // when the process died runs again (Durable Task activities run at least once).
            await run.WaitForLineAsync(l => l.Contains("p2: done in", StringComparison.Ordinal), Deadline, "p2 never finished");
            run.Kill();
            (await run.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue("the killed run did not exit");
        }

        File.Exists(_machine.Database).ShouldBeTrue("run with no backend flag keeps its run in the default database");
        var resumed = await _machine.RunAsync(Deadline, "run", "--resume", runId);

        resumed.ExitCode.ShouldBe(0, resumed.Output);
        resumed.StandardOutput.ShouldContain($"run {runId} resumed (journal)");
        resumed.StandardOutput.ShouldContain("p1: done in");
        resumed.StandardOutput.ShouldContain("p2: done in");
        resumed.StandardOutput.ShouldContain($"run {runId}: completed");
        var journal = _machine.JournalOf(runId);
        foreach (var phase in new[] { "p1", "p2" })
        {
            journal.Count(l => l == $"{phase} start").ShouldBe(1, $"{phase} completed before the kill and never starts again: {string.Join(", ", journal)}");
            journal.Count(l => l == $"{phase} done").ShouldBe(1, string.Join(", ", journal));
        }

        foreach (var phase in new[] { "p3", "p4", "p5" })
        {
            journal.ShouldContain($"{phase} done", string.Join(", ", journal));
        }
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Run_InterruptedMidPhase_SaysHowToResumeExits130AndTheRunIsNeitherCancelledNorFailed(string signal)
    {
        string runId;
        await using (var run = _machine.StartInterruptible("run", "journal"))
        {
            runId = await UserMachine.StartedRunIdAsync(run);
            await _machine.WaitForJournalAsync(runId, "p2 start", run, Deadline);
            await run.SignalAsync(signal);

            (await run.WaitForExitCodeAsync(TimeSpan.FromSeconds(60))).ShouldBe(130, run.Output);
            run.StandardError.ShouldContain($"interrupted: run {runId} was not cancelled and has not failed; it is kept in the database {_machine.Database}.");
            run.StandardError.ShouldContain($"continue it and follow its progress: orchestrator run --resume {runId} --plugins {_machine.Plugins}");
        }

        var shown = await _machine.RunAsync(Deadline, "runs", "show", runId, "--json");
        shown.ExitCode.ShouldBe(0, shown.Output);
        shown.StandardOutput.ShouldContain("\"status\": \"running\"");

        var resumed = await _machine.RunAsync(Deadline, "run", "--resume", runId);

        resumed.ExitCode.ShouldBe(0, resumed.Output);
        resumed.StandardOutput.ShouldMatch(@"p2: done in \S+ \(1 attempt\)");
        _machine.JournalOf(runId).Count(l => l == "p1 done").ShouldBe(1);
    }

    [Fact]
    public async Task Run_InterruptedOnMemory_SaysTheRunIsLostAndExits130()
    {
        await using var run = _machine.StartInterruptible("run", "journal", "--backend", "memory");
        var runId = await UserMachine.StartedRunIdAsync(run);
        await _machine.WaitForJournalAsync(runId, "p1 start", run, Deadline);

        await run.SignalAsync("INT");

        (await run.WaitForExitCodeAsync(TimeSpan.FromSeconds(60))).ShouldBe(130, run.Output);
        run.StandardError.ShouldContain($"interrupted: run {runId} is lost: the memory backend keeps runs only while this process runs");
        File.Exists(_machine.Database).ShouldBeFalse("the memory backend never touches the database");
    }
}
