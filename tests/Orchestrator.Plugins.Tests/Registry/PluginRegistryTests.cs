using Orchestrator.Abstractions;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Manifests;
using Orchestrator.Plugins.Registry;
using Orchestrator.Plugins.Tests.Discovery;
using Semver;

namespace Orchestrator.Plugins.Tests.Registry;

public sealed class PluginRegistryTests : IDisposable
{
    private static readonly SemVersion Product = SemVersion.Parse("0.1.0", SemVersionStyles.Strict);
    private readonly TestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    private DiscoveryResult Discover() => new PluginDiscovery().Discover(_env.Options(), TestContext.Current.CancellationToken);

    [Fact]
    public void Load_DiscoveredFromFiles_LoadsValidOnesAndReportsEveryOtherWithChain()
    {
        PluginFiles.Write(_env.Development, "a", dependencies: ["b@^1.0"]);
        PluginFiles.Write(_env.Development, "b", dependencies: ["c@^2.0"]);
        PluginFiles.Write(_env.Development, "c", version: "1.4.0");
        PluginFiles.Write(_env.Development, "d", domain: "docs", dependencies: ["c"]);
        PluginFiles.Write(_env.Development, "future", minVersion: "9.0.0");
        PluginFiles.Write(_env.Development, "past", maxVersion: "0.0.5");
        PluginFiles.WriteInvalid(_env.Development, "broken");
        PluginFiles.Write(_env.UserData, "c", version: "2.0.0");
        var registry = new PluginRegistry(Product);

        var snapshot = registry.Load(Discover());

        snapshot.LoadOrder.Select(p => p.Name).ShouldBe(["c", "d"]);
        registry.List().Select(p => p.Name).ShouldBe(["c", "d"]);
        registry.ByDomain("docs").Select(p => p.Name).ShouldBe(["d"]);
        var problems = snapshot.Problems.ToDictionary(p => p.PluginName ?? Path.GetFileName(p.Path), p => p);
        problems["broken"].Kind.ShouldBe(PluginProblemKind.InvalidManifest);
        problems["c"].Kind.ShouldBe(PluginProblemKind.Shadowed);
        problems["a"].Message.ShouldBe("b requires c@^2.0 (found 1.4.0) ← required by a");
        problems["b"].Message.ShouldBe("b requires c@^2.0 (found 1.4.0)");
        problems["future"].Kind.ShouldBe(PluginProblemKind.Incompatible);
        problems["future"].Message.ShouldContain("9.0.0");
        problems["future"].Message.ShouldContain("0.1.0");
        problems["past"].Message.ShouldBe("past 1.0.0 supports Orchestrator <= 0.0.5 (max_version), but this is Orchestrator 0.1.0");
    }

    [Fact]
    public void Load_InjectedProductVersion_DecidesCompatibility()
    {
        PluginFiles.Write(_env.Development, "modern", minVersion: "2.0.0");
        var discovery = Discover();

        new PluginRegistry(SemVersion.Parse("2.1.0", SemVersionStyles.Strict)).Load(discovery).Plugins.Keys.ShouldBe(["modern"]);
        new PluginRegistry(Product).Load(discovery).Plugins.ShouldBeEmpty();
    }

    [Fact]
    public void Get_UnknownName_ThrowsPluginNotFoundSayingWhatToRun()
    {
        var registry = new PluginRegistry(Product);

        var error = Should.Throw<PluginNotFoundException>(() => registry.Get("nope"));

        error.ShouldBeAssignableTo<OrchestratorException>();
        error.PluginName.ShouldBe("nope");
        error.Message.ShouldContain("plugins list --all");
    }

    [Fact]
    public void AddOrUpdate_NewVersion_ReplacesAndReportsRejection()
    {
        var registry = new PluginRegistry(Product);

        registry.AddOrUpdate(TestPlugins.Make("base", "1.0.0")).ShouldBeNull();
        registry.AddOrUpdate(TestPlugins.Make("app", "1.0.0", "base@^1")).ShouldBeNull();
        registry.AddOrUpdate(TestPlugins.Make("base", "2.0.0")).ShouldBeNull();

        registry.Get("base").Manifest.Version.ToString().ShouldBe("2.0.0");
        registry.TryGet("app", out _).ShouldBeFalse();
        registry.Snapshot.Problems.ShouldHaveSingleItem().Message.ShouldBe("app requires base@^1 (found 2.0.0)");
        registry.AddOrUpdate(TestPlugins.Make("late", "1.0.0", "missing"))!.Kind.ShouldBe(PluginProblemKind.MissingDependency);
    }

    [Fact]
    public void Remove_PluginOthersDependOn_DependentsBecomeRejected()
    {
        var registry = new PluginRegistry(Product);
        registry.AddOrUpdate(TestPlugins.Make("base"));
        registry.AddOrUpdate(TestPlugins.Make("app", "1.0.0", "base"));

        registry.Remove("base").ShouldBeTrue();
        registry.Remove("base").ShouldBeFalse();

        registry.Count.ShouldBe(0);
        registry.Snapshot.Problems.ShouldHaveSingleItem().Message.ShouldBe("app requires base (not found)");
    }

    [Fact]
    public void Registry_ManyThreadsAddGetRemove_StaysConsistent()
    {
        var registry = new PluginRegistry(Product);
        registry.AddOrUpdate(TestPlugins.Make("shared"));
        const int threads = 8;
        const int perThread = 60;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (var i = 0; i < perThread; i++)
            {
                var name = $"t{t}-p{i}";
                if (registry.AddOrUpdate(TestPlugins.Make(name, "1.0.0", "shared")) is { } problem)
                {
                    failures.Add(problem.Message);
                }

                if (!registry.TryGet(name, out var plugin) || plugin.Name != name)
                {
                    failures.Add($"{name} not readable right after adding it");
                }

                var snapshot = registry.Snapshot;
                if (snapshot.LoadOrder.Length != snapshot.Plugins.Count || snapshot.LoadOrder[0].Name != "shared")
                {
                    failures.Add("inconsistent snapshot");
                }

                if (i % 2 == 0 && !registry.Remove(name))
                {
                    failures.Add($"{name} could not be removed");
                }
            }
        });

        failures.ShouldBeEmpty();
        registry.Count.ShouldBe(1 + (threads * perThread / 2));
        registry.List().Select(p => p.Name).ShouldBe(registry.List().Select(p => p.Name).Order(StringComparer.Ordinal));
        registry.Snapshot.Problems.ShouldBeEmpty();
        registry.ByType(PluginType.Builtin).Length.ShouldBe(registry.Count);
    }
}
