using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Plugins;

/// <summary>
/// <c>ORCHESTRATOR_PLUGINS__SANDBOX</c> and <c>ORCHESTRATOR_PLUGINS__BWRAPPATH</c> as a user sets them
/// (docs/configuration.md, docs/process-protocol.md#sandbox): off is warned about, a missing bwrap says what to do,
/// a wrong value is a usage error.
/// </summary>
public sealed class SandboxSettingTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();
    private readonly string _plugins;

    public SandboxSettingTests()
    {
        _plugins = _sandbox.Sub("plugins");
        ScriptPlugin.Write(_plugins, "echo", "  - name: go\n    order: 1\n", "\"go\"", """    echo '{"output":"ran"}'""");
    }

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Exec_SandboxOff_RunsAndWarnsThatItIsOff()
    {
        _sandbox.Environment = _sandbox.Environment.Add("ORCHESTRATOR_PLUGINS__SANDBOX", "off");

        var result = await _sandbox.RunAsync("plugins", "exec", "echo", "go", "--plugins", _plugins, "--workdir", _sandbox.Sub("out"));

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("\"ran\"");
        result.Error.ShouldContain("Executable plugins run without a sandbox (Plugins:Sandbox is off)");
    }

    [Fact]
    public async Task Exec_SandboxOnByDefault_RunsWithoutAWarning()
    {
        var result = await _sandbox.RunAsync("plugins", "exec", "echo", "go", "--plugins", _plugins, "--workdir", _sandbox.Sub("out"));

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Error.ShouldNotContain("without a sandbox");
    }

    [Fact]
    public async Task Exec_BwrapMissing_Exit1SayingToInstallBubblewrapOrTurnTheSandboxOff()
    {
        _sandbox.Environment = _sandbox.Environment.Add("ORCHESTRATOR_PLUGINS__BWRAPPATH", Path.Combine(_sandbox.Root, "nowhere", "bwrap"));

        var result = await _sandbox.RunAsync("plugins", "exec", "echo", "go", "--plugins", _plugins, "--workdir", _sandbox.Sub("out"));

        result.ExitCode.ShouldBe(1, result.ToString());
        result.ToString().ShouldContain("install bubblewrap");
        result.ToString().ShouldContain("ORCHESTRATOR_PLUGINS__SANDBOX=off");
    }

    [Fact]
    public async Task Run_BwrapMissing_RefusedAndTheLogSaysToInstallBubblewrap()
    {
        _sandbox.Environment = _sandbox.Environment.Add("ORCHESTRATOR_PLUGINS__BWRAPPATH", Path.Combine(_sandbox.Root, "nowhere", "bwrap"));

        var result = await _sandbox.RunAsync("run", "echo", "--plugins", _plugins, "--data-dir", _sandbox.Sub("data"), "--backend", "memory");

        result.ExitCode.ShouldNotBe(0, result.ToString());
        result.ToString().ShouldContain("install bubblewrap");
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("7")]
    public async Task Exec_SandboxValueUnknown_Exit2NamingTheVariable(string value)
    {
        _sandbox.Environment = _sandbox.Environment.Add("ORCHESTRATOR_PLUGINS__SANDBOX", value);

        var result = await _sandbox.RunAsync("plugins", "exec", "echo", "go", "--plugins", _plugins, "--workdir", _sandbox.Sub("out"));

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("ORCHESTRATOR_PLUGINS__");
    }
}
