using System.Text.Json;

namespace Orchestrator.Cli.Tests.Plugins;

/// <summary><c>plugins exec</c> on the shipped example plugins (Node.js script, .NET assembly) and on broken ones.</summary>
public sealed class PluginsExecCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();
    private readonly string _plugins = Path.Combine(RepoPaths.Root, "plugins");

    public PluginsExecCommandTests()
    {
        _sandbox.Environment = _sandbox.Environment.Add("PATH", Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
    }

    public void Dispose() => _sandbox.Dispose();

    private string Input(string json)
    {
        var file = Path.Combine(_sandbox.Sub("inputs"), Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, json);
        return file;
    }

    [Fact]
    public async Task Exec_NodeScriptPlugin_PrintsOutputExit0()
    {
        var workdir = _sandbox.Sub("out");

        var result = await _sandbox.RunAsync(
            "plugins", "exec", "slugify-node", "slugify", "--plugins", _plugins, "--input", Input("""{"title":"Héllo, Wörld!"}"""), "--workdir", workdir);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("slugify-node 1.0.0 phase slugify: succeeded");
        result.Output.ShouldContain("\"slug\": \"hello-world\"");
        result.Output.ShouldContain($"workdir: {workdir}");
        result.Error.ShouldContain("slugify-node: running slugify (attempt 1)");
    }

    [Fact]
    public async Task Exec_ConfigOverridesDefaultJson_ParsesAsJson()
    {
        var result = await _sandbox.RunAsync(
            "plugins", "exec", "slugify-node", "slugify", "--plugins", _plugins, "--input", Input("""{"title":"Big News"}"""),
            "--config", "separator=_", "--workdir", _sandbox.Sub("out"), "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("output").GetProperty("slug").GetString().ShouldBe("big_news");
        json.RootElement.GetProperty("plugin").GetProperty("name").GetString().ShouldBe("slugify-node");
        json.RootElement.GetProperty("plugin").GetProperty("content_hash").GetString()!.Length.ShouldBe(64);
        json.RootElement.GetProperty("metadata").GetProperty("slug").GetString().ShouldBe("big_news");
    }

    [Fact]
    public async Task Exec_AssemblyPlugin_CountsWordsFromStdin()
    {
        var stdinSandbox = _sandbox.Context() with { StandardInput = new StringReader("""{"text":"the cat and the hat"}""") };
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await OrchestratorCli.RunAsync(
            ["plugins", "exec", "wordcount-dotnet", "count", "--plugins", _plugins, "--input", "-", "--workdir", _sandbox.Sub("out"), "--json"],
            output, error, stdinSandbox, TestContext.Current.CancellationToken);

        exit.ShouldBe(0, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        json.RootElement.GetProperty("output").GetProperty("words").GetInt32().ShouldBe(5);
    }

    [Fact]
    public async Task Exec_UnknownPlugin_Exit1ListingAvailable()
    {
        var result = await _sandbox.RunAsync("plugins", "exec", "nope", "go", "--plugins", _plugins);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("no plugin named 'nope' is loaded; available:");
        result.Error.ShouldContain("slugify-node");
    }

    [Fact]
    public async Task Exec_UnknownPhase_Exit1ListingPhases()
    {
        var result = await _sandbox.RunAsync("plugins", "exec", "slugify-node", "publish", "--plugins", _plugins);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("has no phase 'publish'; its phases: slugify, page");
    }

    [Fact]
    public async Task Exec_ConfigViolatesSchema_Exit1NamingTheRule()
    {
        var result = await _sandbox.RunAsync(
            "plugins", "exec", "slugify-node", "slugify", "--plugins", _plugins, "--input", Input("""{"title":"x"}"""), "--config", "separator=+");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("config_schema");
        result.Error.ShouldContain("separator");
    }

    [Fact]
    public async Task Exec_InputViolatesSchema_Exit1SchemaViolation()
    {
        var result = await _sandbox.RunAsync(
            "plugins", "exec", "slugify-node", "slugify", "--plugins", _plugins, "--input", Input("""{"name":"x"}"""), "--workdir", _sandbox.Sub("out"));

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("schema_violation");
        result.Error.ShouldContain("title");
    }

    [Fact]
    public async Task Exec_PhaseFails_Exit1WithExitCodeAndStderr()
    {
        var result = await _sandbox.RunAsync(
            "plugins", "exec", "slugify-node", "page", "--plugins", _plugins, "--workdir", _sandbox.Sub("out"));

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("non_zero_exit");
        result.Error.ShouldContain("exited with code 1");
        result.Error.ShouldContain("phase 'page' needs the output of phase 'slugify'");
    }

    [Theory]
    [InlineData("--config", "separator")]
    [InlineData("--config", "=value")]
    public async Task Exec_MalformedConfig_UsageErrorExit2(string option, string value)
    {
        var result = await _sandbox.RunAsync("plugins", "exec", "slugify-node", "slugify", "--plugins", _plugins, option, value);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("is not KEY=VALUE");
    }

    [Fact]
    public async Task Exec_InputNotJson_UsageErrorExit2()
    {
        var result = await _sandbox.RunAsync("plugins", "exec", "slugify-node", "slugify", "--plugins", _plugins, "--input", Input("title: yaml?"));

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("is not valid JSON");
    }

    [Fact]
    public async Task Exec_InputFileMissing_UsageErrorExit2()
    {
        var result = await _sandbox.RunAsync("plugins", "exec", "slugify-node", "slugify", "--plugins", _plugins, "--input", "/nonexistent/input.json");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("--input /nonexistent/input.json: cannot read it");
    }

    [Fact]
    public async Task Exec_MissingArguments_UsageErrorExit2()
    {
        var result = await _sandbox.RunAsync("plugins", "exec", "slugify-node");

        result.ExitCode.ShouldBe(2, result.ToString());
    }

    [Fact]
    public async Task Exec_PluginFoundButRejected_Exit1WithReason()
    {
        var mine = _sandbox.Sub("mine");
        Manifests.Write(mine, "ghost");

        var result = await _sandbox.RunAsync("plugins", "exec", "ghost", "plan", "--plugins", mine);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("plugin 'ghost' was found but not loaded (load_failed)");
        result.Error.ShouldContain("no built-in plugin named 'ghost'");
    }
}
