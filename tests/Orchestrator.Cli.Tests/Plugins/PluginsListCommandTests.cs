using System.Text.Json;

namespace Orchestrator.Cli.Tests.Plugins;

public sealed class PluginsListCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task List_PluginsInExplicitDirectory_AlignedTableSortedByNameExit0()
    {
        var dir = _sandbox.Sub("mine");
        Manifests.Write(dir, "zebra", domain: "docs");
        Manifests.Write(dir, "ant", version: "10.2.3");

        var result = await _sandbox.RunAsync("plugins", "list", "--plugins", dir);

        result.ExitCode.ShouldBe(0, result.ToString());
        var lines = result.Output.TrimEnd().Split('\n');
        lines.Length.ShouldBe(3);
        lines[0].ShouldStartWith("NAME   VERSION  TYPE     DOMAINS  PHASES  PATH");
        lines[1].ShouldBe($"ant    10.2.3   builtin  fiction  2       {Path.Combine(dir, "ant")}");
        lines[2].ShouldBe($"zebra  1.0.0    builtin  docs     2       {Path.Combine(dir, "zebra")}");
        result.Output.ShouldNotContain("\u001b");
    }

    [Fact]
    public async Task List_PluginsOptionAfterOrBeforeSubcommand_BothWork()
    {
        var dir = _sandbox.Sub("mine");
        Manifests.Write(dir, "one");

        var after = await _sandbox.RunAsync("plugins", "list", "--plugins", dir);
        var before = await _sandbox.RunAsync("--plugins", dir, "plugins", "list");

        after.Output.ShouldContain("one");
        before.Output.ShouldBe(after.Output);
    }

    [Fact]
    public async Task List_PluginsOptionRepeated_FirstDirectoryHasPrecedence()
    {
        var first = _sandbox.Sub("first");
        var second = _sandbox.Sub("second");
        Manifests.Write(first, "dup", version: "2.0.0");
        Manifests.Write(second, "dup", version: "1.0.0");

        var result = await _sandbox.RunAsync("plugins", "list", "--all", "--plugins", first, "--plugins", second);

        result.ExitCode.ShouldBe(0);
        result.Output.ShouldContain($"dup   2.0.0    builtin  fiction  2       loaded    {Path.Combine(first, "dup")}");
        result.Output.ShouldContain($"dup   1.0.0    builtin  fiction  2       shadowed  {Path.Combine(second, "dup")}");
        result.Output.ShouldContain("is shadowed by 2.0.0 at " + Path.Combine(first, "dup"));
    }

    [Fact]
    public async Task List_DomainAndTypeFilters_OnlyMatchingPlugins()
    {
        var dir = _sandbox.Sub("mine");
        Manifests.Write(dir, "story", domain: "fiction");
        Manifests.Write(dir, "manual", domain: "docs");

        var byDomain = await _sandbox.RunAsync("plugins", "list", "--plugins", dir, "--domain", "docs");
        var byType = await _sandbox.RunAsync("plugins", "list", "--plugins", dir, "--type", "external");

        byDomain.Output.ShouldContain("manual");
        byDomain.Output.ShouldNotContain("story");
        byType.ExitCode.ShouldBe(0);
        byType.Output.ShouldStartWith("No plugins found.");
    }

    [Fact]
    public async Task List_UnknownType_UsageErrorExit2()
    {
        var result = await _sandbox.RunAsync("plugins", "list", "--type", "plugin");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("builtin");
    }

    [Fact]
    public async Task List_AllWithInvalidAndRejected_ShowsThemWithReasons()
    {
        var dir = _sandbox.Sub("mine");
        Manifests.Write(dir, "good");
        Manifests.Write(dir, "needs", dependencies: ["absent@^1.0"]);
        Manifests.WriteBroken(dir);

        var plain = await _sandbox.RunAsync("plugins", "list", "--plugins", dir);
        var all = await _sandbox.RunAsync("plugins", "list", "--plugins", dir, "--all");

        plain.Output.ShouldNotContain("needs");
        plain.Output.ShouldNotContain("broken");
        all.ExitCode.ShouldBe(0);
        all.Output.ShouldContain("missing_dependency");
        all.Output.ShouldContain("needs requires absent@^1.0 (not found)");
        all.Output.ShouldContain("invalid_manifest");
        all.Output.ShouldContain($"{Path.Combine(dir, "broken", "plugin.yaml")}:2: error: version:");
        all.Output.ShouldContain($"{Path.Combine(dir, "broken", "plugin.yaml")}:7: error: phases[0].order:");
    }

    [Fact]
    public async Task List_Json_StableSnakeCaseShape()
    {
        var dir = _sandbox.Sub("mine");
        Manifests.Write(dir, "alpha", domain: "code");
        Manifests.WriteBroken(dir);

        var result = await _sandbox.RunAsync("plugins", "list", "--plugins", dir, "--json", "--all");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["plugins", "problems"]);
        var plugin = root.GetProperty("plugins").EnumerateArray().ShouldHaveSingleItem();
        plugin.EnumerateObject().Select(p => p.Name).ShouldBe(["name", "version", "content_hash", "type", "domains", "phases", "description", "path", "status"]);
        plugin.GetProperty("name").GetString().ShouldBe("alpha");
        plugin.GetProperty("type").GetString().ShouldBe("builtin");
        plugin.GetProperty("domains")[0].GetString().ShouldBe("code");
        plugin.GetProperty("phases").GetInt32().ShouldBe(2);
        plugin.GetProperty("status").GetString().ShouldBe("loaded");
        var problem = root.GetProperty("problems").EnumerateArray().ShouldHaveSingleItem();
        problem.EnumerateObject().Select(p => p.Name).ShouldBe(["kind", "plugin", "version", "path", "message", "manifest_problems"]);
        problem.GetProperty("kind").GetString().ShouldBe("invalid_manifest");
        problem.GetProperty("plugin").ValueKind.ShouldBe(JsonValueKind.Null);
        var detail = problem.GetProperty("manifest_problems")[0];
        detail.EnumerateObject().Select(p => p.Name).ShouldBe(["severity", "file", "line", "field", "message"]);
        detail.GetProperty("severity").GetString().ShouldBe("error");
    }

    [Fact]
    public async Task List_JsonWithoutAll_ProblemsEmpty()
    {
        var dir = _sandbox.Sub("mine");
        Manifests.WriteBroken(dir);

        var result = await _sandbox.RunAsync("plugins", "list", "--plugins", dir, "--json");

        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("plugins").GetArrayLength().ShouldBe(0);
        json.RootElement.GetProperty("problems").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task List_XdgConfigHomeFromEnvironment_Searched()
    {
        var config = _sandbox.Sub("xdg-config");
        Manifests.Write(Path.Combine(config, "orchestrator", "plugins"), "from-xdg");
        _sandbox.Environment = _sandbox.Environment.SetItem("XDG_CONFIG_HOME", config);

        var result = await _sandbox.RunAsync("plugins", "list");

        result.Output.ShouldContain("from-xdg");
    }

    [Fact]
    public async Task List_NothingFound_ListsTheSearchPaths()
    {
        var result = await _sandbox.RunAsync("plugins", "list");

        result.ExitCode.ShouldBe(0);
        result.Output.ShouldContain("No plugins found");
        result.Output.ShouldContain(Path.Combine(_sandbox.Current, "plugins") + " (development)");
        result.Output.ShouldContain(Path.Combine(_sandbox.Home, ".config", "orchestrator", "plugins") + " (user-config)");
    }
}
