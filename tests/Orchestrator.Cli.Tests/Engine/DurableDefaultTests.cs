namespace Orchestrator.Cli.Tests.Engine;

/// <summary>
/// `run` with no backend flag keeps its run in the user's sqlite database (docs/backends.md#the-database-file), where
/// `run --resume` and `runs` find it; what `--resume` and `--database` refuse.
/// </summary>
public sealed class DurableDefaultTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();
    private readonly string _plugins;

    public DurableDefaultTests()
    {
        _plugins = _sandbox.Sub("plugins");
        ScriptPlugin.Write(_plugins, "quick", """
              - name: only
                order: 1
            """, "\"only\"", """
                echo '{"output":"quick done"}'
            """);
        ScriptPlugin.Write(_plugins, "broken", """
              - name: only
                order: 1
            """, "\"only\"", """
                echo "broken on purpose" >&2; exit 3
            """);
    }

    private string DefaultDatabase => Path.Combine(_sandbox.Home, ".local", "share", "orchestrator", "orchestrator.db");

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Run_NoBackendFlag_KeepsTheRunInTheDefaultDatabaseWhereRunsListFindsIt()
    {
        var run = await RunAsync("run", "quick", "--run-id", "kept-1");
        var list = await RunAsync("runs", "list");
        var show = await RunAsync("runs", "show", "kept-1");

        run.ExitCode.ShouldBe(0, run.ToString());
        File.Exists(DefaultDatabase).ShouldBeTrue(run.ToString());
        File.Exists(DefaultDatabase + ".owner").ShouldBeFalse("a process that stopped gives its database up");
        list.ExitCode.ShouldBe(0, list.ToString());
        list.Output.ShouldContain("kept-1");
        list.Output.ShouldContain("completed");
        show.Output.ShouldContain("run kept-1: completed");
    }

    [Fact]
    public async Task RunsShow_PluginRun_NamesThePinnedVersionAndContentHashInTextAndJson()
    {
        await RunAsync("run", "quick", "--run-id", "pinned-1");
        var hash = Orchestrator.Plugins.Loading.ContentHash.Compute(Path.Combine(_plugins, "quick"), TestContext.Current.CancellationToken);

        var show = await RunAsync("runs", "show", "pinned-1");
        var json = await RunAsync("runs", "show", "pinned-1", "--json");

        show.ExitCode.ShouldBe(0, show.ToString());
        show.Output.ShouldContain($"  plugin quick 1.0.0 (content {hash[..12]})");
        json.ExitCode.ShouldBe(0, json.ToString());
        using var document = System.Text.Json.JsonDocument.Parse(json.Output);
        var plugin = document.RootElement.GetProperty("plugin");
        plugin.GetProperty("name").GetString().ShouldBe("quick");
        plugin.GetProperty("version").GetString().ShouldBe("1.0.0");
        plugin.GetProperty("content_hash").GetString().ShouldBe(hash);
    }

    [Theory]
    [InlineData("XDG_DATA_HOME", "xdg", "xdg/orchestrator/orchestrator.db")]
    [InlineData("ORCHESTRATOR_SIDECAR__DATABASEPATH", "chosen/runs.db", "chosen/runs.db")]
    public async Task Run_DatabaseFromTheEnvironment_IsWhereTheRunIsKept(string variable, string value, string expected)
    {
        _sandbox.Environment = _sandbox.Environment.Add(variable, Path.Combine(_sandbox.Root, value));

        var run = await RunAsync("run", "quick");

        run.ExitCode.ShouldBe(0, run.ToString());
        File.Exists(Path.Combine(_sandbox.Root, expected)).ShouldBeTrue(run.ToString());
        File.Exists(DefaultDatabase).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_DatabaseOption_RelativeToTheCurrentDirectoryAndUsedByRunsAndResume()
    {
        var run = await RunAsync("run", "quick", "--database", "mine.db", "--run-id", "mine-1");
        var list = await RunAsync("runs", "list", "--database", "mine.db");
        var resume = await RunAsync("run", "--resume", "mine-1", "--database", "mine.db");

        run.ExitCode.ShouldBe(0, run.ToString());
        File.Exists(Path.Combine(_sandbox.Current, "mine.db")).ShouldBeTrue();
        list.Output.ShouldContain("mine-1");
        resume.ExitCode.ShouldBe(0, resume.ToString());
        resume.Output.ShouldContain("run mine-1 has already finished; nothing to resume");
        resume.Output.ShouldContain("run mine-1: completed");
    }

    [Fact]
    public async Task Resume_FailedRun_PrintsItsSummaryAndExitsOneLikeRun()
    {
        var run = await RunAsync("run", "broken", "--run-id", "broken-1");

        var resume = await RunAsync("run", "--resume", "broken-1");

        run.ExitCode.ShouldBe(1, run.ToString());
        resume.ExitCode.ShouldBe(1, resume.ToString());
        resume.Output.ShouldContain("run broken-1: failed");
    }

    [Fact]
    public async Task Resume_UnknownRun_Exit1NamingTheRunAndTheDatabase()
    {
        await RunAsync("run", "quick");

        var resume = await RunAsync("run", "--resume", "no-such-run");

        resume.ExitCode.ShouldBe(1, resume.ToString());
        resume.Error.ShouldContain($"error: no run 'no-such-run' in the database {DefaultDatabase}: nothing to resume");
    }

    [Theory]
    [InlineData("give either a target ('quick') or --resume r1, not both", "run", "quick", "--resume", "r1")]
    [InlineData("--input, --config cannot be combined with --resume", "run", "--resume", "r1", "--input", "in.json", "--config", "a=1")]
    [InlineData("--auto-approve, --run-id cannot be combined with --resume", "run", "--resume", "r1", "--auto-approve", "--run-id", "r2")]
    [InlineData("--resume needs a durable backend: the memory backend keeps a run only inside the process that ran it", "run", "--resume", "r1", "--backend", "memory")]
    [InlineData("--resume: run id 'a b' may hold only letters", "run", "--resume", "a b")]
    [InlineData("give a workflow or plugin to run (e.g. orchestrator run short-story), or --resume RUN_ID", "run")]
    [InlineData("--database is the sqlite backend's file; the memory backend has none", "run", "quick", "--backend", "memory", "--database", "x.db")]
    [InlineData("--database is the sqlite backend's file; the memory backend has none", "sidecar", "--backend", "memory", "--database", "x.db")]
    [InlineData("give either --sidecar (a running sidecar) or --database (a database file), not both", "runs", "list", "--sidecar", "http://127.0.0.1:1", "--database", "x.db")]
    public async Task Command_BadResumeOrDatabaseUse_UsageErrorSayingWhatToFix(string expected, params string[] arguments)
    {
        var result = await RunAsync(arguments);

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.ToString());
        result.Error.ShouldContain(expected);
        File.Exists(DefaultDatabase).ShouldBeFalse("nothing is opened for a command line that cannot work");
    }

    [Fact]
    public async Task Runs_NoDatabaseYet_Exit1SayingHowToStartOne()
    {
        var result = await RunAsync("runs", "list");

        result.ExitCode.ShouldBe(OrchestratorCli.Failure, result.ToString());
        result.Error.ShouldContain($"error: no database at {DefaultDatabase}: no run has been started with it yet");
        File.Exists(DefaultDatabase).ShouldBeFalse("a read does not create the database");
    }

    private Task<CliResult> RunAsync(params string[] arguments) => _sandbox.RunAsync([.. arguments, "--plugins", _plugins]);
}
