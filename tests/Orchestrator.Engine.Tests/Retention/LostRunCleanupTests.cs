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
        Mark(layout, "lost-1", "memory", StoppedProcess());
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
        Mark(layout, "recent", "memory", StoppedProcess(), startedAgo: TimeSpan.FromDays(6));
        File.WriteAllText(Path.Combine(layout.RunDirectory("recent"), "manuscript.md"), "x");
        var cleanup = Cleanup(layout);

        cleanup.RemoveLost(TestContext.Current.CancellationToken).ShouldBeEmpty();
        File.Exists(Path.Combine(layout.RunDirectory("recent"), "manuscript.md")).ShouldBeTrue();

        _time.Advance(TimeSpan.FromDays(2));
        cleanup.RemoveLost(TestContext.Current.CancellationToken).ShouldBe(["recent"]);
        Directory.Exists(layout.RunDirectory("recent")).ShouldBeFalse();
    }

    [Fact]
    public void RemoveLost_OwnerIdNowTakenByAnotherProcess_RemovesWorkspace()
    {
        // This process has the recorded id, but it started at another moment: it is not the owner.
        var layout = Layout("memory");
        Mark(layout, "reused", "memory", new OwnerProcess(Environment.ProcessId, "another-boot/1"));

        Cleanup(layout).RemoveLost(TestContext.Current.CancellationToken).ShouldBe(["reused"]);
        Directory.Exists(layout.RunDirectory("reused")).ShouldBeFalse();
    }

    [Fact]
    public void RemoveLost_LiveOwnerDurableRunsUnmarkedAndLinkedWorkspaces_TouchesNone()
    {
        var layout = Layout("memory");
        var live = RunningProcess();
        Mark(layout, "alive", "memory", live);
        Mark(layout, "mine", "memory", OwnerProcess.Current);
        Mark(layout, "kept-in-sqlite", "sqlite", StoppedProcess());
        Mark(layout, "kept-in-azure", "azure-storage", StoppedProcess());
        Directory.CreateDirectory(layout.RunDirectory("unmarked"));
        var elsewhere = _root.Sub("elsewhere");
        new RunMarker("memory", StoppedProcess(), "orchestrator run").Write(RunMarker.PathIn(elsewhere));
        Directory.CreateSymbolicLink(Path.Combine(layout.RunsDirectory, "linked"), elsewhere);

        Cleanup(layout).RemoveLost(TestContext.Current.CancellationToken).ShouldBeEmpty();

        foreach (var id in new[] { "alive", "mine", "kept-in-sqlite", "kept-in-azure", "unmarked", "linked" })
        {
            Directory.Exists(layout.RunDirectory(id)).ShouldBeTrue(id);
        }

        File.Exists(RunMarker.PathIn(elsewhere)).ShouldBeTrue();
        LostRuns.Explain(layout, "alive").ShouldNotBeNull().ShouldContain($"is kept by the in-memory backend of orchestrator run (process {live.Id}), another process");
        LostRuns.Explain(layout, "kept-in-sqlite").ShouldBeNull();
        LostRuns.Explain(layout, "unmarked").ShouldBeNull();
        LostRuns.Explain(layout, "never-was").ShouldBeNull();
    }

    [Fact]
    public void ForNewRun_MemoryRunOnAWorkspaceThatIsThereUnmarkedOrDurable_LeavesItsMarkerAsItWas()
    {
        var memory = Layout("memory");
        Directory.CreateDirectory(memory.RunDirectory("old"));
        Mark(memory, "durable", "sqlite", StoppedProcess());

        memory.ForNewRun("old");
        memory.ForNewRun("durable");
        memory.ForNewRun("fresh");

        File.Exists(RunMarker.PathIn(memory.RunDirectory("old"))).ShouldBeFalse();
        RunMarker.TryRead(RunMarker.PathIn(memory.RunDirectory("durable"))).ShouldNotBeNull().Backend.ShouldBe("sqlite");
        var fresh = RunMarker.TryRead(RunMarker.PathIn(memory.RunDirectory("fresh"))).ShouldNotBeNull();
        fresh.ShouldBe(new RunMarker("memory", OwnerProcess.Current, "orchestrator run"));
    }

    [Fact]
    public void ForNewRun_DurableRunOfTheIdOfALostOne_TakesTheIdAndTheLookUpNoLongerSaysLost()
    {
        var memory = Layout("memory");
        Mark(memory, "again", "memory", StoppedProcess());
        Cleanup(memory).RemoveLost(TestContext.Current.CancellationToken).ShouldBe(["again"]);

        var sqlite = Layout("sqlite");
        sqlite.ForNewRun("again").ShouldBe(sqlite.RunDirectory("again"));

        Directory.Exists(sqlite.RunDirectory("again")).ShouldBeFalse("a durable run's workspace is made when a phase first needs it");
        File.Exists(sqlite.LostRunMarker("again")).ShouldBeFalse();
        LostRuns.Explain(sqlite, "again").ShouldBeNull();
        Cleanup(memory).RemoveLost(TestContext.Current.CancellationToken).ShouldBeEmpty();
    }

    [Fact]
    public void ForNewRun_DurableRunOnTheWorkspaceOfALostOne_RemovesItsMarkerSoTheWorkspaceIsNeverTakenForLost()
    {
        var memory = Layout("memory");
        Mark(memory, "reused", "memory", StoppedProcess(), startedAgo: TimeSpan.FromDays(30));
        var sqlite = Layout("sqlite");

        sqlite.ForNewRun("reused");

        File.Exists(RunMarker.PathIn(sqlite.RunDirectory("reused"))).ShouldBeFalse();
        LostRuns.Explain(sqlite, "reused").ShouldBeNull();
        Cleanup(memory).RemoveLost(TestContext.Current.CancellationToken).ShouldBeEmpty();
        Directory.Exists(sqlite.RunDirectory("reused")).ShouldBeTrue();
    }

    [Fact]
    public void RemoveLost_AfterTheRetentionTime_ForgetsTheMarkersOfRemovedWorkspaces()
    {
        var layout = Layout("memory");
        Mark(layout, "forgotten", "memory", StoppedProcess());
        var cleanup = Cleanup(layout);
        cleanup.RemoveLost(TestContext.Current.CancellationToken);
        File.Exists(layout.LostRunMarker("forgotten")).ShouldBeTrue();

        _time.Advance(TimeSpan.FromDays(8));
        cleanup.RemoveLost(TestContext.Current.CancellationToken);

        File.Exists(layout.LostRunMarker("forgotten")).ShouldBeFalse();
        LostRuns.Explain(layout, "forgotten").ShouldBeNull();
    }

    private WorkspaceLayout Layout(string backend) =>
        new(Options.Create(new EngineOptions { DataDirectory = _root.Combine("data"), Backend = backend, ProcessKind = "orchestrator run" }));

    private LostRunCleanup Cleanup(WorkspaceLayout layout) =>
        new(layout, Options.Create(new EngineOptions { DataDirectory = layout.DataDirectory, Backend = "memory" }), _time, NullLogger<LostRunCleanup>.Instance);

    // A run that started longer ago than the retention time, unless told when.
    private void Mark(WorkspaceLayout layout, string runId, string backend, OwnerProcess owner, TimeSpan? startedAgo = null)
    {
        var workspace = Directory.CreateDirectory(layout.RunDirectory(runId)).FullName;
        var marker = RunMarker.PathIn(workspace);
        new RunMarker(backend, owner, "orchestrator run").Write(marker);
        File.SetLastWriteTimeUtc(marker, (_time.GetUtcNow() - (startedAgo ?? TimeSpan.FromDays(8))).UtcDateTime);
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
