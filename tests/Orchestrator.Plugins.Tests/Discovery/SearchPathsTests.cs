using System.Collections.Immutable;
using Orchestrator.Plugins.Discovery;

namespace Orchestrator.Plugins.Tests.Discovery;

public sealed class SearchPathsTests
{
    private static DiscoveryOptions Options(IEnumerable<string>? explicitPaths = null, Dictionary<string, string>? variables = null) => new()
    {
        ExplicitPaths = [.. explicitPaths ?? []],
        Environment = (variables ?? []).ToImmutableDictionary(),
        HomeDirectory = "/home/ada",
        CurrentDirectory = "/work/project",
        BinaryDirectory = "/opt/orchestrator/bin",
    };

    [Fact]
    public void Resolve_NoVariables_UsesXdgDefaultsInPrecedenceOrder()
    {
        var paths = SearchPaths.Resolve(Options());

        paths.Select(p => (p.Directory, p.Kind)).ShouldBe(
        [
            ("/work/project/plugins", SearchPathKind.Development),
            ("/home/ada/.config/orchestrator/plugins", SearchPathKind.UserConfig),
            ("/home/ada/.local/share/orchestrator/plugins", SearchPathKind.UserData),
            ("/usr/local/share/orchestrator/plugins", SearchPathKind.System),
            ("/usr/share/orchestrator/plugins", SearchPathKind.System),
            ("/opt/orchestrator/share/orchestrator/plugins", SearchPathKind.BuiltIn),
            ("/opt/orchestrator/bin/plugins", SearchPathKind.BuiltIn),
        ]);
        paths.Select(p => p.Precedence).ShouldBe([0, 1, 2, 3, 4, 5, 6]);
    }

    [Fact]
    public void Resolve_FlagsAndPluginPathVariable_FlagsFirstThenVariableEntries()
    {
        var paths = SearchPaths.Resolve(Options(
            ["/flag/one", "relative/two"],
            new() { ["ORCHESTRATOR_PLUGIN_PATH"] = "/env/a::/env/b" }));

        paths.Where(p => p.Kind == SearchPathKind.Explicit).Select(p => p.Directory)
            .ShouldBe(["/flag/one", "/work/project/relative/two", "/env/a", "/env/b"]);
        paths[4].Kind.ShouldBe(SearchPathKind.Development);
    }

    [Fact]
    public void Resolve_XdgVariablesSet_UsesThemInsteadOfHomeDefaults()
    {
        var paths = SearchPaths.Resolve(Options(variables: new()
        {
            ["XDG_CONFIG_HOME"] = "/cfg",
            ["XDG_DATA_HOME"] = "/data",
            ["XDG_DATA_DIRS"] = "/sys1:/sys2/",
        }));

        paths.Select(p => p.Directory).ShouldBe(
        [
            "/work/project/plugins",
            "/cfg/orchestrator/plugins",
            "/data/orchestrator/plugins",
            "/sys1/orchestrator/plugins",
            "/sys2/orchestrator/plugins",
            "/opt/orchestrator/share/orchestrator/plugins",
            "/opt/orchestrator/bin/plugins",
        ]);
    }

    [Fact]
    public void Resolve_RelativeXdgValues_IgnoredAsTheXdgSpecRequires()
    {
        var paths = SearchPaths.Resolve(Options(variables: new()
        {
            ["XDG_CONFIG_HOME"] = "relative/config",
            ["XDG_DATA_HOME"] = "./data",
            ["XDG_DATA_DIRS"] = "rel/share:/abs/share",
        }));

        paths.Select(p => p.Directory).ShouldBe(
        [
            "/work/project/plugins",
            "/home/ada/.config/orchestrator/plugins",
            "/home/ada/.local/share/orchestrator/plugins",
            "/abs/share/orchestrator/plugins",
            "/opt/orchestrator/share/orchestrator/plugins",
            "/opt/orchestrator/bin/plugins",
        ]);
    }

    [Fact]
    public void Resolve_SameDirectoryTwice_ListedOnceAtItsHighestPrecedence()
    {
        var paths = SearchPaths.Resolve(Options(["plugins", "/work/project/plugins/"]));

        paths.Count(p => p.Directory == "/work/project/plugins").ShouldBe(1);
        paths[0].ShouldBe(new SearchPath("/work/project/plugins", SearchPathKind.Explicit, 0));
        paths.ShouldNotContain(p => p.Kind == SearchPathKind.Development);
    }

    [Fact]
    public void Resolve_EmptyXdgDataDirs_FallsBackToDefaults()
    {
        var paths = SearchPaths.Resolve(Options(variables: new() { ["XDG_DATA_DIRS"] = string.Empty }));

        paths.Where(p => p.Kind == SearchPathKind.System).Select(p => p.Directory)
            .ShouldBe(["/usr/local/share/orchestrator/plugins", "/usr/share/orchestrator/plugins"]);
    }
}
