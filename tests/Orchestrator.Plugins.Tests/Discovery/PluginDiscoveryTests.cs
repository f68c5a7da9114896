using Orchestrator.Documents.Problems;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Tests.Discovery;

public sealed class PluginDiscoveryTests : IDisposable
{
    private readonly TestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    private DiscoveryResult Discover(IEnumerable<string>? explicitPaths = null, Dictionary<string, string>? variables = null) =>
        new PluginDiscovery().Discover(_env.Options(explicitPaths, variables), TestContext.Current.CancellationToken);

    [Fact]
    public void Discover_OnePluginInEveryLocation_FindsAllSortedByNameWithTheirSource()
    {
        var flag = _env.Sub("flag");
        var variable = _env.Sub("variable");
        PluginFiles.Write(flag, "p-flag");
        PluginFiles.Write(variable, "p-variable");
        PluginFiles.Write(_env.Development, "p-dev");
        PluginFiles.Write(_env.UserConfig, "p-config");
        PluginFiles.Write(_env.UserData, "p-data");
        PluginFiles.Write(_env.Sub("system-b", "orchestrator", "plugins"), "p-system");
        PluginFiles.Write(_env.BuiltIn, "p-builtin");

        var result = Discover([flag], new() { ["ORCHESTRATOR_PLUGIN_PATH"] = variable });

        result.Problems.ShouldBeEmpty();
        result.Plugins.Select(p => (p.Name, p.Source.Kind)).ShouldBe(
        [
            ("p-builtin", SearchPathKind.BuiltIn),
            ("p-config", SearchPathKind.UserConfig),
            ("p-data", SearchPathKind.UserData),
            ("p-dev", SearchPathKind.Development),
            ("p-flag", SearchPathKind.Explicit),
            ("p-system", SearchPathKind.System),
            ("p-variable", SearchPathKind.Explicit),
        ]);
    }

    [Fact]
    public void Discover_SameNameInConfigAndData_ConfigWinsAndDataReportedAsShadowedNamingBothPaths()
    {
        var winner = PluginFiles.Write(_env.UserConfig, "story", version: "2.0.0");
        var loser = PluginFiles.Write(_env.UserData, "story", version: "1.0.0");

        var result = Discover();

        result.Find("story")!.Manifest.Version.ToString().ShouldBe("2.0.0");
        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(PluginProblemKind.Shadowed);
        problem.PluginName.ShouldBe("story");
        problem.Path.ShouldBe(loser);
        problem.Message.ShouldContain(loser);
        problem.Message.ShouldContain(winner);
        problem.Manifest!.Version.ToString().ShouldBe("1.0.0");
    }

    [Fact]
    public void Discover_EveryLevelHoldsTheSameName_EachLowerOneShadowedByTheHighest()
    {
        var flag = _env.Sub("flag");
        var variable = _env.Sub("variable");
        foreach (var (dir, version) in new[] { (flag, "6.0.0"), (variable, "5.0.0"), (_env.Development, "4.0.0"), (_env.UserConfig, "3.0.0"), (_env.UserData, "2.0.0"), (_env.BuiltIn, "1.0.0") })
        {
            PluginFiles.Write(dir, "same", version: version);
        }

        var result = Discover([flag], new() { ["ORCHESTRATOR_PLUGIN_PATH"] = variable });

        result.Find("same")!.Manifest.Version.ToString().ShouldBe("6.0.0");
        result.Problems.Select(p => (p.Kind, p.Manifest!.Version.ToString())).ShouldBe(
        [
            (PluginProblemKind.Shadowed, "5.0.0"),
            (PluginProblemKind.Shadowed, "4.0.0"),
            (PluginProblemKind.Shadowed, "3.0.0"),
            (PluginProblemKind.Shadowed, "2.0.0"),
            (PluginProblemKind.Shadowed, "1.0.0"),
        ]);
    }

    [Fact]
    public void Discover_XdgVariablesPointElsewhere_ReadsThoseAndNotTheHomeDefaults()
    {
        var config = _env.Sub("xdg-config");
        var data = _env.Sub("xdg-data");
        var system = _env.Sub("xdg-system");
        PluginFiles.Write(Path.Combine(config, "orchestrator", "plugins"), "from-config");
        PluginFiles.Write(Path.Combine(data, "orchestrator", "plugins"), "from-data");
        PluginFiles.Write(Path.Combine(system, "orchestrator", "plugins"), "from-system");
        PluginFiles.Write(_env.UserConfig, "from-home-default");

        var result = Discover(variables: new()
        {
            ["XDG_CONFIG_HOME"] = config,
            ["XDG_DATA_HOME"] = data,
            ["XDG_DATA_DIRS"] = system,
        });

        result.Plugins.Select(p => p.Name).ShouldBe(["from-config", "from-data", "from-system"]);
    }

    [Fact]
    public void Discover_SymlinkedSearchPathToSameDirectory_OnePluginNotShadowedByItself()
    {
        PluginFiles.Write(_env.Development, "linked");
        Directory.CreateDirectory(Path.GetDirectoryName(_env.UserConfig)!);
        Directory.CreateSymbolicLink(_env.UserConfig, _env.Development);

        var result = Discover();

        result.Plugins.ShouldHaveSingleItem().Source.Kind.ShouldBe(SearchPathKind.Development);
        result.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Discover_ManifestDirectlyInSearchPath_AcceptedAndItsSubdirectoriesNotScanned()
    {
        var plugin = _env.Sub("single");
        File.WriteAllText(Path.Combine(plugin, "plugin.yaml"), PluginFiles.Manifest("single"));
        _env.Sub("single", "prompts");

        var result = Discover([plugin]);

        result.Problems.ShouldBeEmpty();
        result.Plugins.ShouldHaveSingleItem().Manifest.Directory.ShouldBe(plugin);
    }

    [Fact]
    public void Discover_NoSearchPathExists_ReturnsNothingAndNoProblems()
    {
        var result = Discover();

        result.Plugins.ShouldBeEmpty();
        result.Problems.ShouldBeEmpty();
        // ./plugins, user config, user data, two system paths, ../share/orchestrator/plugins and <binary>/plugins.
        result.SearchPaths.Length.ShouldBe(7);
    }

    [Fact]
    public void Discover_ExplicitPathMissing_ReportedSoATypoIsNoticed()
    {
        var result = Discover([Path.Combine(_env.Root, "no-such-dir")]);

        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(PluginProblemKind.MissingSearchPath);
        problem.Path.ShouldBe(Path.Combine(_env.Root, "no-such-dir"));
    }

    [Fact]
    public void Discover_SearchPathIsAFile_Reported()
    {
        var file = Path.Combine(_env.Root, "not-a-dir");
        File.WriteAllText(file, "x");

        var problem = Discover([file]).Problems.ShouldHaveSingleItem();

        problem.Kind.ShouldBe(PluginProblemKind.MissingSearchPath);
        problem.Message.ShouldContain("not a directory");
    }

    [Fact]
    public void Discover_InvalidManifest_ReportedWithEveryManifestProblemAndOthersStillLoad()
    {
        PluginFiles.Write(_env.Development, "good");
        var broken = PluginFiles.WriteInvalid(_env.Development, "broken");

        var result = Discover();

        result.Plugins.Select(p => p.Name).ShouldBe(["good"]);
        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(PluginProblemKind.InvalidManifest);
        problem.Path.ShouldBe(broken);
        problem.ManifestProblems.Count(p => p.Severity == ProblemSeverity.Error).ShouldBeGreaterThanOrEqualTo(2);
        problem.ManifestProblems.ShouldContain(p => p.FieldPath == "version");
        problem.ManifestProblems.ShouldContain(p => p.FieldPath.StartsWith("phases[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void Discover_SubdirectoryWithoutManifest_ReportedAsNoManifest()
    {
        PluginFiles.Write(_env.Development, "good");
        var empty = _env.Sub("work", "plugins", "empty");
        _env.Sub("work", "plugins", ".hidden");

        var problem = Discover().Problems.ShouldHaveSingleItem();

        problem.Kind.ShouldBe(PluginProblemKind.NoManifest);
        problem.Path.ShouldBe(empty);
    }

    [Fact]
    public void Discover_PluginsOfSeveralDomainsAndTypes_LookupsFilterAndKeepNameOrder()
    {
        PluginFiles.Write(_env.Development, "zeta", domain: "code");
        PluginFiles.Write(_env.Development, "alpha", domain: "code", type: "external");
        PluginFiles.Write(_env.Development, "mid", domain: "docs");

        var result = Discover();

        result.Problems.ShouldBeEmpty();
        result.Plugins.Select(p => p.Name).ShouldBe(["alpha", "mid", "zeta"]);
        result.ByDomain("code").Select(p => p.Name).ShouldBe(["alpha", "zeta"]);
        result.ByDomain("fiction").ShouldBeEmpty();
        result.ByType(PluginType.External).Select(p => p.Name).ShouldBe(["alpha"]);
        result.ByType(PluginType.Builtin).Select(p => p.Name).ShouldBe(["mid", "zeta"]);
        result.Find("mid")!.Manifest.Domains.ShouldBe(["docs"]);
        result.Find("absent").ShouldBeNull();
    }

    [Fact]
    public void Discover_ThreeHundredPlugins_AllFoundWhenReadInParallel()
    {
        for (var i = 0; i < 300; i++)
        {
            PluginFiles.Write(_env.UserData, $"plugin-{i:D3}");
        }

        var result = Discover();

        result.Problems.ShouldBeEmpty();
        result.Plugins.Select(p => p.Name).ShouldBe(Enumerable.Range(0, 300).Select(i => $"plugin-{i:D3}"));
    }

    [Fact]
    public void Discover_ReadFailsWithIOException_ReportedAsUnreadableAndOthersStillLoad()
    {
        // Permissions cannot make a directory unreadable when tests run as root, so the I/O failure
        // comes from the reader; everything else is real files.
        PluginFiles.Write(_env.Development, "fine");
        var bad = PluginFiles.Write(_env.Development, "flaky");
        var discovery = new PluginDiscovery((dir, ct) =>
            dir == bad ? throw new IOException("Input/output error") : ManifestReader.Read(dir, ct));

        var result = discovery.Discover(_env.Options(), TestContext.Current.CancellationToken);

        result.Plugins.Select(p => p.Name).ShouldBe(["fine"]);
        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(PluginProblemKind.UnreadableDirectory);
        problem.Path.ShouldBe(bad);
        problem.Message.ShouldContain("Input/output error");
    }

    [Fact]
    public void Discover_Cancelled_Throws()
    {
        PluginFiles.Write(_env.Development, "one");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Should.Throw<OperationCanceledException>(() => new PluginDiscovery().Discover(_env.Options(), cancellation.Token));
    }
}
