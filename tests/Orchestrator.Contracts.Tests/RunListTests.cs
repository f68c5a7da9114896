using Orchestrator.Contracts.Runs;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Contracts.Tests;

public sealed class RunListTests
{
    private static readonly RunRecord Run = new() { RunId = "r1", Kind = "orchestrator.run", Status = RunStatus.Completed, CreatedAt = DateTimeOffset.UnixEpoch };

    [Fact]
    public void From_PageWithMore_TokenThatDecodesToTheLastRun()
    {
        var list = RunList.From(new RunPage([Run], new RunCursor(Run.CreatedAt, Run.RunId)));

        RunCursor.TryDecode(list.ContinuationToken!, out var cursor).ShouldBeTrue();
        cursor.ShouldBe(new RunCursor(Run.CreatedAt, "r1"));
    }

    [Fact]
    public void From_LastPage_NoToken()
    {
        RunList.From(new RunPage([Run], null)).ContinuationToken.ShouldBeNull();
    }
}
