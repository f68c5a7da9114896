using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Registry;
using Semver;

namespace Orchestrator.Plugins.Tests.Registry;

public sealed class DependencyResolverTests
{
    private static readonly SemVersion Product = SemVersion.Parse("0.1.0", SemVersionStyles.Strict);

    private static DependencyResolution Resolve(params DiscoveredPlugin[] plugins) => DependencyResolver.Resolve(plugins, Product);

    [Fact]
    public void Resolve_Diamond_EveryPluginAfterItsDependenciesAndBaseOnce()
    {
        var result = Resolve(
            TestPlugins.Make("app", "1.0.0", "left@^1.0", "right@^1.0"),
            TestPlugins.Make("left", "1.2.0", "base@>=1.0.0"),
            TestPlugins.Make("right", "1.0.0", "base@~1.4"),
            TestPlugins.Make("base", "1.4.2"));

        result.Rejections.ShouldBeEmpty();
        result.LoadOrder.Select(p => p.Name).ShouldBe(["base", "left", "right", "app"]);
        result.Edges.Length.ShouldBe(4);
        result.Edges.ShouldAllBe(e => e.Satisfied);
    }

    [Fact]
    public void Resolve_Independent_LoadOrderIsByName()
    {
        var result = Resolve(TestPlugins.Make("c"), TestPlugins.Make("a"), TestPlugins.Make("b"));

        result.LoadOrder.Select(p => p.Name).ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public void Resolve_ChainDeclaredInReverse_OrderedTopologically()
    {
        var result = Resolve(TestPlugins.Make("a", "1.0.0", "b"), TestPlugins.Make("b", "1.0.0", "c"), TestPlugins.Make("c"));

        result.LoadOrder.Select(p => p.Name).ShouldBe(["c", "b", "a"]);
    }

    [Fact]
    public void Resolve_MissingDependency_RejectsPluginNamingTheDependency()
    {
        var result = Resolve(TestPlugins.Make("app", "1.0.0", "ai-client@^1.2"), TestPlugins.Make("other"));

        result.LoadOrder.Select(p => p.Name).ShouldBe(["other"]);
        var rejection = result.Rejections.ShouldHaveSingleItem();
        rejection.Kind.ShouldBe(PluginProblemKind.MissingDependency);
        rejection.PluginName.ShouldBe("app");
        rejection.Message.ShouldBe("app requires ai-client@^1.2 (not found)");
    }

    [Fact]
    public void Resolve_RangeUnsatisfied_NamesFoundVersionAndRangeAndRejectsDependentsWithChain()
    {
        var result = Resolve(
            TestPlugins.Make("a", "1.0.0", "b@^1.0"),
            TestPlugins.Make("b", "1.0.0", "c@^2.0"),
            TestPlugins.Make("c", "1.4.0"),
            TestPlugins.Make("top", "1.0.0", "a"));

        result.LoadOrder.Select(p => p.Name).ShouldBe(["c"]);
        result.Rejections.Select(r => (r.PluginName, r.Kind, r.Message)).ShouldBe(
        [
            ("a", PluginProblemKind.DependencyRejected, "b requires c@^2.0 (found 1.4.0) ← required by a"),
            ("b", PluginProblemKind.UnsatisfiedDependency, "b requires c@^2.0 (found 1.4.0)"),
            ("top", PluginProblemKind.DependencyRejected, "b requires c@^2.0 (found 1.4.0) ← required by a ← required by top"),
        ]);
    }

    [Fact]
    public void Resolve_Cycle_RejectsEveryMemberNamingTheCycleAndTheirDependents()
    {
        var result = Resolve(
            TestPlugins.Make("a", "1.0.0", "b"),
            TestPlugins.Make("b", "1.0.0", "c"),
            TestPlugins.Make("c", "1.0.0", "a"),
            TestPlugins.Make("user", "1.0.0", "a"),
            TestPlugins.Make("free"));

        result.LoadOrder.Select(p => p.Name).ShouldBe(["free"]);
        result.Rejections.Select(r => (r.PluginName, r.Kind, r.Message)).ShouldBe(
        [
            ("a", PluginProblemKind.DependencyCycle, "dependency cycle: a → b → c → a"),
            ("b", PluginProblemKind.DependencyCycle, "dependency cycle: b → c → a → b"),
            ("c", PluginProblemKind.DependencyCycle, "dependency cycle: c → a → b → c"),
            ("user", PluginProblemKind.DependencyRejected, "dependency cycle: a → b → c → a ← required by user"),
        ]);
    }

    [Fact]
    public void Resolve_SelfDependency_IsACycle()
    {
        var rejection = Resolve(TestPlugins.Make("loop", "1.0.0", "loop")).Rejections.ShouldHaveSingleItem();

        rejection.Kind.ShouldBe(PluginProblemKind.DependencyCycle);
        rejection.Message.ShouldBe("dependency cycle: loop → loop");
    }

    [Fact]
    public void Resolve_DependencyIncompatible_DependentRejectedWithChainNamingBothVersions()
    {
        var result = Resolve(
            TestPlugins.Bounded("future", "1.0.0", min: "0.5.0", max: null),
            TestPlugins.Make("app", "1.0.0", "future"));

        result.LoadOrder.ShouldBeEmpty();
        result.Rejections.Select(r => (r.PluginName, r.Message)).ShouldBe(
        [
            ("app", "future 1.0.0 requires Orchestrator >= 0.5.0 (min_version), but this is Orchestrator 0.1.0 ← required by app"),
            ("future", "future 1.0.0 requires Orchestrator >= 0.5.0 (min_version), but this is Orchestrator 0.1.0"),
        ]);
    }

    [Fact]
    public void Resolve_SeveralProblemsInOnePlugin_AllNamed()
    {
        var rejection = Resolve(TestPlugins.Make("app", "1.0.0", "x", "y@^2"), TestPlugins.Make("y", "1.0.0"))
            .Rejections.ShouldHaveSingleItem();

        rejection.Message.ShouldBe("app requires x (not found); app requires y@^2 (found 1.0.0)");
    }

    [Fact]
    public void Resolve_LongChain_DoesNotOverflowTheStack()
    {
        const int length = 20_000;
        var plugins = Enumerable.Range(0, length)
            .Select(i => i == length - 1 ? TestPlugins.Make($"p{i:D5}") : TestPlugins.Make($"p{i:D5}", "1.0.0", $"p{i + 1:D5}"))
            .ToArray();

        var result = Resolve(plugins);

        result.Rejections.ShouldBeEmpty();
        result.LoadOrder.First().Name.ShouldBe($"p{length - 1:D5}");
        result.LoadOrder.Last().Name.ShouldBe("p00000");
    }

    [Fact]
    public void Resolve_LongCycle_EveryMemberRejected()
    {
        const int length = 5_000;
        var plugins = Enumerable.Range(0, length).Select(i => TestPlugins.Make($"p{i:D4}", "1.0.0", $"p{(i + 1) % length:D4}")).ToArray();

        var result = Resolve(plugins);

        result.LoadOrder.ShouldBeEmpty();
        result.Rejections.Length.ShouldBe(length);
        result.Rejections.ShouldAllBe(r => r.Kind == PluginProblemKind.DependencyCycle);
    }

    [Fact]
    public void Resolve_DuplicateNames_Throws()
    {
        Should.Throw<ArgumentException>(() => Resolve(TestPlugins.Make("a"), TestPlugins.Make("a", "2.0.0")));
    }
}
