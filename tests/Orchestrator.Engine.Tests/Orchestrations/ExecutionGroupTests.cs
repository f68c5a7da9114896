using Orchestrator.Engine.Orchestrations;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Tests.Orchestrations;

/// <summary>A run's phases grouped by order, as every episode of the run walks them.</summary>
public sealed class ExecutionGroupTests
{
    [Fact]
    public void Of_PhasesListedByOrder_OneGroupPerOrderInManifestOrder()
    {
        var groups = ExecutionGroup.Of(Input([Plan("a", 1), Plan("b", 2, parallel: true), Plan("c", 2, parallel: true), Plan("d", 3)]));

        groups.Select(g => (g.Parallel, Names(g))).ShouldBe([(false, "a"), (true, "b,c"), (false, "d")]);
    }

    [Fact]
    public void Of_PhasesListedOutOfOrder_SortedByOrderKeepingManifestOrderWithinAGroup()
    {
        var groups = ExecutionGroup.Of(Input([Plan("late", 5), Plan("x", 1), Plan("late2", 5), Plan("y", 1)]));

        groups.Select(Names).ShouldBe(["x,y", "late,late2"]);
    }

    [Fact]
    public void Of_GroupWithAPhaseNotParallel_RunsInTurn()
    {
        var groups = ExecutionGroup.Of(Input([Plan("a", 1, parallel: true), Plan("b", 1), Plan("solo", 2, parallel: true)]));

        groups.Select(g => g.Parallel).ShouldBe([false, false], "a group runs in parallel only when all its phases, and more than one, may");
    }

    [Fact]
    public void Of_RetryTookPhasesOver_LeavesThemOutAndDropsGroupsLeftEmpty()
    {
        var input = Input([Plan("a", 1), Plan("b", 2, parallel: true), Plan("c", 2, parallel: true), Plan("d", 3)]) with
        {
            Carried = new RetrySeed { Phases = [new CompletedPhase("a", true, 1, 1, true), new CompletedPhase("b", true, 1, 1, true)] },
        };

        var groups = ExecutionGroup.Of(input);

        groups.Select(g => (g.Parallel, Names(g))).ShouldBe([(true, "c"), (false, "d")], "the group of b and c stays parallel, decided on the whole group");
    }

    [Fact]
    public void Of_NoPhases_NoGroups() => ExecutionGroup.Of(Input([])).ShouldBeEmpty();

    private static string Names(ExecutionGroup group) => string.Join(',', group.Phases.Select(p => p.Name));

    private static PhasePlan Plan(string name, int order, bool parallel = false) => new() { Name = name, Order = order, Parallel = parallel };

    private static RunInput Input(PhasePlan[] phases) => new()
    {
        Plugin = new PluginIdentity("p", "1.0.0", new string('0', 64)),
        Workspace = "/tmp/w",
        Phases = [.. phases],
    };
}
