using System.Diagnostics;
using System.Text.Json;

namespace Orchestrator.Cli.Tests;

/// <summary>Runs the real built <c>orchestrator</c> executable as a child process with redirected output.</summary>
public sealed class ExecutableTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly CliSandbox _sandbox = new();
    private readonly List<Process> _processes = [];

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        _sandbox.Dispose();
    }

    private async Task<CliResult> RunAsync(params string[] args)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "orchestrator.exe" : "orchestrator");
        File.Exists(executable).ShouldBeTrue($"the built CLI should be next to the test assembly: {executable}");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _sandbox.Current,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Keep the child away from the machine's own plugin directories.
        start.Environment["HOME"] = _sandbox.Home;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(_sandbox.Home, ".config");
        start.Environment["XDG_DATA_HOME"] = Path.Combine(_sandbox.Home, ".local", "share");
        start.Environment["XDG_DATA_DIRS"] = Path.Combine(_sandbox.Root, "system");
        start.Environment.Remove("ORCHESTRATOR_PLUGIN_PATH");

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        _processes.Add(process);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"orchestrator {string.Join(' ', args)} did not exit within {Deadline.TotalSeconds}s (pid {process.Id})");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
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
