using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Engine.Retention;
using Orchestrator.Engine.Workspaces;

namespace Orchestrator.Engine.Tests.Retention;

/// <summary>
/// The removal of workspaces of runs lost with the in-memory backend, on real files, with owners that are real
/// processes (a child that was stopped, one that runs, this process).
/// </summary>
public sealed class LostRunCleanupTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly List<Process> _children = [];
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose()
    {
        foreach (var child in _children)
        {
            if (!child.HasExited)
            {
                child.Kill();
                child.WaitForExit(TimeSpan.FromSeconds(10));
            }

            child.Dispose();
        }

        _root.Dispose();
    }

    [Fact]
    public void RemoveLost_MemoryRunWhoseOwnerStopped_RemovesWorkspaceAndTheLookUpSaysTheRunWasLost()
    {
        var layout = Layout("memory");
        Record(layout, "lost-1", StoppedProcess());
        File.WriteAllText(Path.Combine(layout.RunDirectory("lost-1"), "artifact.txt"), "x");

        Cleanup(layout).RemoveLost(TestContext.Current.CancellationToken).ShouldBe(["lost-1"]);

        Directory.Exists(layout.RunDirectory("lost-1")).ShouldBeFalse();
        var why = LostRuns.Explain(layout, "lost-1").ShouldNotBeNull();
        why.ShouldContain("was lost with the in-memory backend when its process, orchestrator run (process ");
        why.ShouldContain("its workspace has been removed");
        why.ShouldContain("default sqlite backend keeps runs");
    }

    [Fact]
    public void RemoveLost_LostRunStartedWithinTheRetentionTime_KeptWithItsArtifactsUntilThen()
    {
        var layout = Layout("memory");
        Record(layout, "recent", StoppedProcess(), startedAgo: TimeSpan.FromDays(6));
        File.WriteAllText(Path.Combine(layout.RunDirectory("recent"), "manuscript.md"), "x");
        var cleanup = Cleanup(layout);

        cleanup.RemoveLost(TestContext.Current.CancellationToken).ShouldBeEmpty();
        File.Exists(Path.Combine(layout.RunDirectory("recent"), "manuscript.md")).ShouldBeTrue();
        LostRuns.Explain(layout, "recent").ShouldNotBeNull().ShouldNotContain("removed");

        _time.Advance(TimeSpan.FromDays(2));
        cleanup.RemoveLost(TestContext.Current.CancellationToken).ShouldBe(["recent"]);
        Directory.Exists(layout.RunDirectory("recent")).ShouldBeFalse();
    }

    [Fact]
    public void RemoveLost_OwnerIdNowTakenByAnotherProcess_RemovesWorkspace()
    {
        // This process has the recorded id, but it started at another moment: it is not the owner.
        var layout = Layout("memory");
        Record(layout, "reused", new OwnerProcess(Environment.ProcessId, "another-boot/1"));

        Cleanup(layout).RemoveLost(TestContext.Current.CancellationToken).ShouldBe(["reused"]);
        Directory.Exists(layout.RunDirectory("reused")).ShouldBeFalse();
    }

    [Fact]
    public void RemoveLost_LiveOwnerDurableUnrecordedPurgedAndLinkedWorkspaces_TouchesNone()
    {
        var layout = Layout("memory");
        var live = RunningProcess();
        var stopped = StoppedProcess();
        Record(layout, "alive", live);
        Record(layout, "mine", OwnerProcess.Current);
        Record(layout, "kept-in-sqlite", StoppedProcess(), backend: "sqlite");
        Directory.CreateDirectory(layout.RunDirectory("unmarked"));
        using (var ledger = Ledger(layout, stopped))
        {
            ledger.Started("purged", _time.GetUtcNow() - TimeSpan.FromDays(8));
            ledger.Purged("purged", _time.GetUtcNow() - TimeSpan.FromDays(7.5));
            Directory.CreateDirectory(layout.RunDirectory("purged"));
        }

        var elsewhere = _root.Sub("elsewhere");
        File.WriteAllText(Path.Combine(elsewhere, "keep.txt"), "x");
        Record(layout, "linked", stopped, workspace: false);
        Directory.CreateSymbolicLink(Path.Combine(layout.RunsDirectory, "linked"), elsewhere);

        Cleanup(layout).RemoveLost(TestContext.Current.CancellationToken).ShouldBeEmpty();

        foreach (var id in new[] { "alive", "mine", "kept-in-sqlite", "unmarked", "purged", "linked" })
        {
            Directory.Exists(layout.RunDirectory(id)).ShouldBeTrue(id);
        }

        File.Exists(Path.Combine(elsewhere, "keep.txt")).ShouldBeTrue();
        LostRuns.Explain(layout, "alive").ShouldNotBeNull().ShouldContain($"is kept by the in-memory backend of orchestrator run (process {live.Id}), another process");
        LostRuns.Explain(layout, "mine").ShouldBeNull("this process's own backend says what became of its runs");
        LostRuns.Explain(layout, "kept-in-sqlite").ShouldBeNull();
        LostRuns.Explain(layout, "unmarked").ShouldBeNull();
        LostRuns.Explain(layout, "purged").ShouldBeNull();
        LostRuns.Explain(layout, "never-was").ShouldBeNull();
    }

    [Fact]
    public void ForNewRun_MemoryRun_RecordsTheRunInThisProcesssLedgerUnlessAnotherRunHadItsWorkspace()
    {
        using var memory = Layout("memory");
        Directory.CreateDirectory(memory.RunDirectory("old"));

        memory.ForNewRun("old", generated: false);
        memory.ForNewRun("given", generated: false);
        memory.ForNewRun("made-20261202-000000-a1b2c3d4e5f6", generated: true);

        Directory.Exists(memory.RunDirectory("given")).ShouldBeFalse("a workspace is made when a phase first needs it");
        var ledger = MemoryRunLedger.ReadAll(memory.MemoryRunsDirectory, _ => true).ShouldHaveSingleItem();
        ledger.Owner.ShouldBe(new RunMarker("memory", OwnerProcess.Current, "orchestrator run"));
        ledger.Runs.Keys.Order(StringComparer.Ordinal).ShouldBe(["given", "made-20261202-000000-a1b2c3d4e5f6"]);
        ledger.Runs.Values.ShouldAllBe(r => r.Live);

        memory.Delete("given");
        MemoryRunLedger.ReadAll(memory.MemoryRunsDirectory, _ => true).Single().Runs["given"].Live.ShouldBeFalse();
    }

    [Fact]
    public void RemoveLost_ALongRunningProcessThatPurgedMostOfItsRuns_RewritesItsLedgerWithTheRunsItKeeps()
    {
        using var memory = Layout("memory");
        var ids = Enumerable.Range(0, 1100).Select(i => $"run-{i:0000}").ToList();
        ids.ForEach(id => memory.ForNewRun(id, generated: true));
        ids.Take(200).ToList().ForEach(id => memory.Delete(id));
        var path = MemoryRunLedger.ReadAll(memory.MemoryRunsDirectory, _ => true).Single().Path;
        var cleanup = new LostRunCleanup(memory, Options.Create(new EngineOptions { DataDirectory = memory.DataDirectory, Backend = "memory" }), _time, NullLogger<LostRunCleanup>.Instance);

        cleanup.RemoveLost(TestContext.Current.CancellationToken);
        File.ReadAllLines(path).Length.ShouldBe(1 + 1100 + 200, "a fifth of the records are purges: kept as they are");

        ids.Skip(200).Take(400).ToList().ForEach(id => memory.Delete(id));
        cleanup.RemoveLost(TestContext.Current.CancellationToken);
        memory.ForNewRun("after", generated: false);

        var lines = File.ReadAllLines(path);
        lines.Length.ShouldBe(1 + 500 + 1);
        RunMarker.FromJson(lines[0]).ShouldBe(new RunMarker("memory", OwnerProcess.Current, "orchestrator run"));
        var ledger = MemoryRunLedger.ReadAll(memory.MemoryRunsDirectory, _ => true).Single();
        ledger.Runs.Keys.Order(StringComparer.Ordinal).ShouldBe([.. ids.Skip(600).Append("after").Order(StringComparer.Ordinal)]);
        ledger.Runs.Values.ShouldAllBe(r => r.Live);
    }

    [Fact]
    public void ForNewRun_DurableRunOfTheIdOfALostOne_ClaimsItSoItsWorkspaceIsNeverTakenForLost()
    {
        var memory = Layout("memory");
        Record(memory, "again", StoppedProcess());
        var sqlite = Layout("sqlite");

        sqlite.ForNewRun("again", generated: false).ShouldBe(sqlite.RunDirectory("again"));

        LostRuns.Explain(sqlite, "again").ShouldBeNull();
        Cleanup(memory).RemoveLost(TestContext.Current.CancellationToken).ShouldBeEmpty();
        Directory.Exists(sqlite.RunDirectory("again")).ShouldBeTrue("the durable run's workspace is kept");
    }

    [Fact]
    public void ForNewRun_MemoryRunOfAnIdADurableRunClaimed_CountsAgain()
    {
        var stopped = StoppedProcess();
        var memory = Layout("memory");
        Record(memory, "twice", stopped, startedAgo: TimeSpan.FromDays(20), workspace: false);
        MemoryRunLedger.Claim(memory.MemoryRunsDirectory, "twice", _time.GetUtcNow() - TimeSpan.FromDays(15));
        LostRuns.Explain(memory, "twice").ShouldBeNull();

        Record(memory, "twice", stopped);

        LostRuns.Explain(memory, "twice").ShouldNotBeNull().ShouldContain("was lost with the in-memory backend");
        Cleanup(memory).RemoveLost(TestContext.Current.CancellationToken).ShouldBe(["twice"]);
    }

    [Fact]
    public void RemoveLost_TheRetentionTimeAfterTheLastRunOfADeadProcess_ForgetsItsLedgerAndClaims()
    {
        var layout = Layout("memory");
        var stopped = StoppedProcess();
        Record(layout, "forgotten", stopped);
        Record(layout, "claimed", stopped);
        MemoryRunLedger.Claim(layout.MemoryRunsDirectory, "claimed", _time.GetUtcNow());
        var cleanup = Cleanup(layout);
        cleanup.RemoveLost(TestContext.Current.CancellationToken).ShouldBe(["forgotten"]);
        LostRuns.Explain(layout, "forgotten").ShouldNotBeNull();

        _time.Advance(TimeSpan.FromDays(15));
        cleanup.RemoveLost(TestContext.Current.CancellationToken);

        Directory.EnumerateFileSystemEntries(layout.MemoryRunsDirectory, "*", SearchOption.AllDirectories)
            .Where(File.Exists).ShouldBeEmpty();
        LostRuns.Explain(layout, "forgotten").ShouldBeNull();
        Directory.Exists(layout.RunDirectory("claimed")).ShouldBeTrue();
    }

    [Fact]
    public void Explain_LedgersWithBadLinesAHalfWrittenLineOrNoOwner_ReadsOnlyWholeRecords()
    {
        var layout = Layout("memory");
        var stopped = StoppedProcess();
        Record(layout, "whole", stopped, workspace: false);
        var path = MemoryRunLedger.ReadAll(layout.MemoryRunsDirectory, _ => true).Single().Path;
        var at = (_time.GetUtcNow() - TimeSpan.FromDays(1)).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        File.AppendAllText(path, $"garbage\n+ bad/id {at}\n+ no-time\n+ bad-time yesterday\n* odd {at}\n\n+ half-written {at}");
        File.WriteAllText(Path.Combine(layout.MemoryRunsDirectory, "1-nobody.log"), $"not json\n+ orphan {at}\n");
        File.WriteAllText(Path.Combine(layout.MemoryRunsDirectory, "2-empty.log"), string.Empty);

        LostRuns.Explain(layout, "whole").ShouldNotBeNull().ShouldContain("was lost");
        foreach (var id in new[] { "no-time", "bad-time", "odd", "half-written", "orphan" })
        {
            LostRuns.Explain(layout, id).ShouldBeNull(id);
        }

        MemoryRunLedger.ReadAll(layout.MemoryRunsDirectory, _ => true).Single().Runs.Keys.ShouldBe(["whole"]);
        Cleanup(layout).RemoveLost(TestContext.Current.CancellationToken).ShouldBeEmpty();
    }

    private WorkspaceLayout Layout(string backend) =>
        new(Options.Create(new EngineOptions { DataDirectory = _root.Combine("data"), Backend = backend, ProcessKind = "orchestrator run" }));

    private LostRunCleanup Cleanup(WorkspaceLayout layout) =>
        new(layout, Options.Create(new EngineOptions { DataDirectory = layout.DataDirectory, Backend = "memory" }), _time, NullLogger<LostRunCleanup>.Instance);

    private static MemoryRunLedger Ledger(WorkspaceLayout layout, OwnerProcess owner, string backend = "memory") =>
        new(layout.MemoryRunsDirectory, new RunMarker(backend, owner, "orchestrator run"));

    // A run that started longer ago than the retention time unless told when, with a workspace unless told not to.
    private void Record(WorkspaceLayout layout, string runId, OwnerProcess owner, TimeSpan? startedAgo = null, string backend = "memory", bool workspace = true)
    {
        using var ledger = Ledger(layout, owner, backend);
        ledger.Started(runId, _time.GetUtcNow() - (startedAgo ?? TimeSpan.FromDays(8)));
        if (workspace)
        {
            Directory.CreateDirectory(layout.RunDirectory(runId));
        }
    }

    private OwnerProcess RunningProcess()
    {
        var child = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false }).ShouldNotBeNull();
        _children.Add(child);
        return OwnerProcess.Of(child.Id).ShouldNotBeNull("the child that sleeps runs");
    }

    // A process that ran and was stopped (and reaped): what a killed `run --backend memory` leaves behind.
    private OwnerProcess StoppedProcess()
    {
        var owner = RunningProcess();
        var child = _children[^1];
        child.Kill();
        child.WaitForExit(TimeSpan.FromSeconds(30)).ShouldBeTrue("the stopped child did not exit");
        owner.IsRunning().ShouldBeFalse();
        return owner;
    }
}
