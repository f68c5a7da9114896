using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Plugins;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Loading;
using Orchestrator.Plugins.Registry;

namespace Orchestrator.Contracts.Tests;

/// <summary>Plugin contracts built from real manifests discovered in a temp directory.</summary>
public sealed class PluginContractTests : IDisposable
{
    private readonly TempDirectory _root = new("orch-contracts-");

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Detail_Local_EveryPathFilledIn()
    {
        var (plugin, registry) = One("story", "story");

        var detail = PluginDetail.From(plugin.Manifest, PluginFacts.Of(plugin, registry, TestContext.Current.CancellationToken), Audience.Local);

        detail.Path.ShouldBe(plugin.Manifest.Directory);
        detail.ManifestPath.ShouldBe(plugin.Manifest.ManifestPath);
        detail.SearchPath.ShouldBe(_root.Combine("plugins"));
        detail.Source.ShouldBe("explicit");
        detail.ContentHash.ShouldBe(ContentHash.Compute(plugin.Manifest.Directory, TestContext.Current.CancellationToken));
        detail.Status.ShouldBe("loaded");
        detail.Reason.ShouldBeNull();
    }

    [Fact]
    public void Detail_Remote_NoPathOfTheServerButTheSameOtherwise()
    {
        var (plugin, registry) = One("story", "story");
        var facts = PluginFacts.Of(plugin, registry, TestContext.Current.CancellationToken);

        var remote = PluginDetail.From(plugin.Manifest, facts, Audience.Remote);
        var local = PluginDetail.From(plugin.Manifest, facts, Audience.Local);

        remote.Path.ShouldBeNull();
        remote.ManifestPath.ShouldBeNull();
        remote.SearchPath.ShouldBeNull();
        remote.Source.ShouldBe("explicit");
        Json(remote).ShouldBe(Json(local with { Path = null, ManifestPath = null, SearchPath = null }));
        PluginSummary.From(plugin.Manifest, PluginFacts.Loaded, null, Audience.Remote).Path.ShouldBeNull();
    }

    [Fact]
    public void Detail_Phases_InRunOrderWithDurationsInSeconds()
    {
        var (plugin, registry) = One("story", "story");

        var phases = PluginDetail.From(plugin.Manifest, PluginFacts.Of(plugin, registry, TestContext.Current.CancellationToken), Audience.Local).Phases;

        phases.Select(p => p.Name).ShouldBe(["plan", "write"]);
        phases[0].TimeoutSeconds.ShouldBe(5400);
        phases[0].EstimatedTimeSeconds.ShouldBe(0.5);
        phases[0].RetryIntervalSeconds.ShouldBe(1);
        phases[1].TimeoutSeconds.ShouldBeNull();
        phases[1].Approval.ShouldBeTrue();
    }

    [Fact]
    public void Facts_DependencyOutsideItsRange_FoundVersionUnsatisfiedAndRejected()
    {
        var (plugin, registry) = One("app", "base@1.4.0", "app:base@^2.0");

        var detail = PluginDetail.From(plugin.Manifest, PluginFacts.Of(plugin, registry, TestContext.Current.CancellationToken), Audience.Local);

        detail.Dependencies.ShouldHaveSingleItem().ShouldBe(new DependencyStatus("base", "^2.0", "1.4.0", false));
        detail.Status.ShouldBe("unsatisfied_dependency");
        detail.Reason!.ShouldContain("base");
    }

    [Fact]
    public void List_ProblemsWithValidManifests_ListedWithTheProblemAsStatus()
    {
        _root.Write("plugins/broken/plugin.yaml", "name: broken\nversion: one\n");
        var (_, registry) = Discover("base@1.4.0", "app:base@^2.0");
        var problems = registry.Problems;

        var list = PluginList.From(registry.List.Select(p => PluginSummary.From(p.Manifest, PluginFacts.Loaded, null, Audience.Local)), problems, Audience.Local);

        list.Plugins.Select(p => $"{p.Name}:{p.Status}").ShouldBe(["base:loaded", "app:unsatisfied_dependency"]);
        list.Problems.Select(p => p.Kind).ShouldBe(["invalid_manifest", "unsatisfied_dependency"], ignoreOrder: true);
        list.Problems.Single(p => p.Kind == "invalid_manifest").ManifestProblems.ShouldNotBeEmpty();
    }

    /// <summary>Writes plugins given as <c>name</c>, <c>name@version</c> or <c>name:dependency</c>, then discovers and resolves them.</summary>
    private (DiscoveryResult Discovery, RegistrySnapshot Registry) Discover(params string[] plugins)
    {
        foreach (var spec in plugins)
        {
            var (name, version, dependency) = spec.Split(':') switch
            {
                [var n, var d] => (n, "1.0.0", d),
                [var n] when n.Contains('@', StringComparison.Ordinal) => (n.Split('@')[0], n.Split('@')[1], null),
                [var n] => (n, "1.0.0", (string?)null),
                _ => throw new ArgumentException(spec, nameof(plugins)),
            };
            var dependencies = dependency is null ? string.Empty : $"dependencies: [\"{dependency}\"]\n";
            _root.Write($"plugins/{name}/plugin.yaml", $"""
                name: {name}
                version: {version}
                type: builtin
                domains: [test]
                {dependencies}phases:
                  - name: write
                    order: 2
                    approval: true
                  - name: plan
                    order: 1
                    timeout: 1h30m
                    estimated_time: 500ms
                """);
        }

        var options = new DiscoveryOptions
        {
            ExplicitPaths = [_root.Combine("plugins")],
            Environment = ImmutableDictionary<string, string>.Empty.Add("XDG_DATA_DIRS", _root.Combine("none")),
            HomeDirectory = _root.Path,
            CurrentDirectory = _root.Path,
            BinaryDirectory = _root.Combine("bin"),
        };
        var discovery = new PluginDiscovery().Discover(options, TestContext.Current.CancellationToken);
        return (discovery, new PluginRegistry().Load(discovery));
    }

    private (DiscoveredPlugin Plugin, RegistrySnapshot Registry) One(string name, params string[] plugins)
    {
        var (discovery, registry) = Discover(plugins);
        return (discovery.Find(name) ?? throw new InvalidOperationException($"{name} was not discovered: {string.Join("; ", discovery.Problems)}"), registry);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ContractJson.Options);
}
