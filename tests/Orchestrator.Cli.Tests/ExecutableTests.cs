using System.Text.Json;

namespace Orchestrator.Cli.Tests;

/// <summary>Runs the real built <c>orchestrator</c> executable as a child process with redirected output.</summary>
public sealed class ExecutableTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private async Task<CliResult> RunAsync(params string[] args)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "orchestrator.exe" : "orchestrator");
        File.Exists(executable).ShouldBeTrue($"the built CLI should be next to the test assembly: {executable}");

        // Keep the child away from the machine's own plugin directories.
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = _sandbox.Home,
            ["XDG_CONFIG_HOME"] = Path.Combine(_sandbox.Home, ".config"),
            ["XDG_DATA_HOME"] = Path.Combine(_sandbox.Home, ".local", "share"),
            ["XDG_DATA_DIRS"] = Path.Combine(_sandbox.Root, "system"),
        };
        var result = await ChildProcess.RunAsync(executable, args, Deadline, environment, _sandbox.Current, unset: ["ORCHESTRATOR_PLUGIN_PATH"]);
        return new CliResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    [Fact]
    public async Task Executable_Version_PrintsProductVersionExit0()
    {
        var result = await RunAsync("--version");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.Trim().ShouldBe("0.1.0");
    }

    [Fact]
    public async Task Executable_ListShippedPluginsRedirected_PlainTextNoAnsiExit0()
    {
        var plugins = Path.Combine(RepoPaths.Root, "plugins");

        var result = await RunAsync("plugins", "list", "--plugins", plugins);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldNotContain("\u001b");
        result.Output.Split('\n')[0].ShouldStartWith("NAME");
        result.Output.ShouldContain("code");
        result.Output.ShouldContain("docs");
        result.Output.ShouldContain("fiction");
    }

    [Fact]
    public async Task Executable_ValidateBrokenManifest_Exit1AndJsonParses()
    {
        var broken = Manifests.WriteBroken(_sandbox.Sub("mine"));

        var result = await RunAsync("plugins", "validate", broken, "--json");

        result.ExitCode.ShouldBe(1, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("invalid").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Executable_ExecShippedScriptPlugin_PrintsResultExit0()
    {
        var plugins = Path.Combine(RepoPaths.Root, "plugins");
        var input = Path.Combine(_sandbox.Sub("in"), "title.json");
        await File.WriteAllTextAsync(input, """{"title":"Release Notes 2.0"}""", TestContext.Current.CancellationToken);

        var result = await RunAsync("plugins", "exec", "slugify-node", "slugify", "--plugins", plugins, "--input", input, "--workdir", _sandbox.Sub("out"), "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("output").GetProperty("slug").GetString().ShouldBe("release-notes-2-0");
    }

    [Fact]
    public async Task Executable_UnknownCommand_UsageErrorExit2()
    {
        var result = await RunAsync("plugins", "frobnicate");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("frobnicate");
    }
}
