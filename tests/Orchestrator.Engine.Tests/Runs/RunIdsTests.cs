using System.Text.RegularExpressions;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Engine.Tests.Runs;

public sealed class RunIdsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 1, 2, 3, TimeSpan.Zero);

    [Fact]
    public void New_NamesTheTargetAndTimeWith48RandomBits()
    {
        RunIds.New("docs", At).ShouldMatch("^docs-20261125-010203-[0-9a-f]{12}$");
    }

    [Fact]
    public void New_TargetWithoutSafeCharacters_FallsBackToRunAndIsAWellFormedId()
    {
        var id = RunIds.New("ü/../ ", At);

        id.ShouldStartWith("run-20261125-010203-");
        RunIds.Problem(id).ShouldBeNull();
    }

    [Fact]
    public void New_ManyInOneSecond_AreAllDifferent()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => RunIds.New("burst", At)).ToList();

        ids.Distinct(StringComparer.Ordinal).Count().ShouldBe(ids.Count);
        ids.ShouldAllBe(i => Regex.IsMatch(i, "^burst-20261125-010203-[0-9a-f]{12}$"));
    }
}
