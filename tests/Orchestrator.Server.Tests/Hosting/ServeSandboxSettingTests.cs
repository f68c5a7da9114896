using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Hosting;

/// <summary>
/// <c>orchestrator serve</c> reads <c>ORCHESTRATOR_PLUGINS__SANDBOX</c> (docs/process-protocol.md#sandbox): off is
/// warned about at start, a value that is neither on nor off stops it before it listens.
/// </summary>
public sealed class ServeSandboxSettingTests
{
    [Theory]
    [InlineData("maybe")]
    [InlineData("7")]
    public async Task Serve_SandboxNeitherOnNorOff_CannotStartNamingTheSetting(string value)
    {
        using var data = new TempDirectory("orch-serve-");
        using var serve = ChildProcess.Start(
            "dotnet", [RepoPaths.CliDll, "serve", "--data-dir", data.Path, "--backend", "memory", "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string> { ["ORCHESTRATOR_PLUGINS__SANDBOX"] = value },
            workingDirectory: data.Path);

        var exit = await serve.WaitForExitCodeAsync(TimeSpan.FromSeconds(60));

        exit.ShouldBe(1, serve.Output);
        serve.Output.ShouldContain("cannot start the server");
        serve.Output.ShouldContain("Plugins:Sandbox");
    }

    [Fact]
    public async Task Serve_SandboxOff_StartsAndWarnsThatExecutablesAreUnsandboxed()
    {
        using var data = new TempDirectory("orch-serve-");
        await using var serve = ChildProcess.Start(
            "dotnet", [RepoPaths.CliDll, "serve", "--data-dir", data.Path, "--backend", "memory", "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string> { ["ORCHESTRATOR_PLUGINS__SANDBOX"] = "off" },
            workingDirectory: data.Path);

        await serve.WaitForLineAsync(l => l.Contains("Executable plugins run without a sandbox (Plugins:Sandbox is off)", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the warning that the sandbox is off");
        await serve.WaitForLineAsync(l => l.Contains("http://127.0.0.1:", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "serve to listen");
    }
}
