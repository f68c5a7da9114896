namespace Orchestrator.IntegrationTests.Install;

/// <summary>
/// The installed <c>orchestrator</c>, run the way a user runs it: from a directory outside the repository, so
/// <c>./plugins</c> and <c>./workflows</c> are not the repository's and the built-in plugins must come from
/// <c>PREFIX/share/orchestrator/plugins</c>.
/// </summary>
public sealed class InstallTests(InstalledOrchestrator installed) : IClassFixture<InstalledOrchestrator>, IDisposable
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(120);

    private readonly TempDirectory _work = new("orch-installed-");

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Install_Prefix_LauncherInBinProgramInLibPluginsInShare()
    {
        Directory.GetFileSystemEntries(Path.Combine(installed.Prefix, "bin")).Select(Path.GetFileName).ShouldBe(["orchestrator"], installed.InstallOutput);
        File.Exists(Path.Combine(installed.Prefix, "lib", "orchestrator", "orchestrator.dll")).ShouldBeTrue(installed.InstallOutput);
        Directory.GetDirectories(installed.PluginsDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(["code", "docs", "fiction"]);
        Directory.Exists(Path.Combine(installed.PluginsDirectory, "fiction", "src")).ShouldBeFalse("plugin sources must not be installed");
        File.Exists(Path.Combine(installed.PluginsDirectory, "fiction", "plugin.yaml")).ShouldBeTrue();
    }

    [Fact]
    public async Task PluginsList_OutsideTheRepository_FindsTheBuiltInsInTheSharedDirectory()
    {
        var (exitCode, output) = await RunAsync("plugins", "list");

        exitCode.ShouldBe(0, output);
        foreach (var plugin in new[] { "code", "docs", "fiction" })
        {
            output.ShouldContain(Path.Combine(installed.PluginsDirectory, plugin), customMessage: output);
        }
    }

    [Fact]
    public async Task Run_WorkflowOutsideTheRepository_CompletesWithTheInstalledBuiltInPlugin()
    {
        _work.Write("workflows/short-story.yaml", await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "workflows", "short-story.yaml"), TestContext.Current.CancellationToken));

        var (exitCode, output) = await RunAsync("run", "short-story", "--auto-approve");

        exitCode.ShouldBe(0, output);
        output.ShouldContain("premise: done in");
        output.ShouldContain("completed");
        Directory.Exists(_work.Combine("plugins")).ShouldBeFalse();
        Directory.EnumerateFiles(_work.Combine("xdg-data", "orchestrator", "runs"), "manuscript.md", SearchOption.AllDirectories).ShouldHaveSingleItem();
        File.Exists(_work.Combine("xdg-data", "orchestrator", "orchestrator.db")).ShouldBeTrue("run is durable by default: the run is kept in the user's database");
    }

    /// <summary>Runs the installed command in the work directory, with a home and XDG directories of its own.</summary>
    private async Task<ProcessResult> RunAsync(params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = _work.Sub("home"),
            ["XDG_CONFIG_HOME"] = _work.Combine("xdg-config"),
            ["XDG_DATA_HOME"] = _work.Combine("xdg-data"),
            ["XDG_DATA_DIRS"] = _work.Combine("system"),
        };
        return await ChildProcess.RunAsync(
            installed.Command,
            arguments,
            RunDeadline,
            environment,
            _work.Path,
            unset: ["ORCHESTRATOR_PLUGIN_PATH", "ORCHESTRATOR_DATA_DIR", "ORCHESTRATOR_BINARY_DIR"]);
    }
}
