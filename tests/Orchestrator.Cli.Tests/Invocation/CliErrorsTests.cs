using Grpc.Core;
using Orchestrator.Abstractions;
using Orchestrator.Cli.Invocation;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Cli.Tests.Invocation;

/// <summary>Every command reports failures through <see cref="CliErrors"/>: the same lines and exit codes everywhere.</summary>
public sealed class CliErrorsTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void Describe_UsageException_Exit2OneLinePerProblem()
    {
        var (exitCode, lines) = CliErrors.Describe(new UsageException(["--a is wrong", "--b is wrong"]), null);

        exitCode.ShouldBe(OrchestratorCli.UsageError);
        lines.ShouldBe(["error: --a is wrong", "error: --b is wrong"]);
    }

    [Fact]
    public void Describe_RejectedRunRequest_Exit2()
    {
        var (exitCode, lines) = CliErrors.Describe(new RunRequestException("tale", ["plugin 'tale' is not loaded"]), null);

        exitCode.ShouldBe(OrchestratorCli.UsageError);
        lines.ShouldHaveSingleItem().ShouldStartWith("error: cannot start 'tale' (1 problem(s)):");
    }

    [Fact]
    public void Describe_CommandFailed_Exit1WithIndentedDetails()
    {
        var (exitCode, lines) = CliErrors.Describe(new CommandFailedException("the config is not acceptable:", ["count: required"]), null);

        exitCode.ShouldBe(OrchestratorCli.Failure);
        lines.ShouldBe(["error: the config is not acceptable:", "  count: required"]);
    }

    [Fact]
    public void Describe_AnyOrchestratorException_Exit1WithItsMessage()
    {
        var (exitCode, lines) = CliErrors.Describe(RunNotFoundException.For("r1"), null);

        exitCode.ShouldBe(OrchestratorCli.Failure);
        lines.ShouldBe([$"error: {RunNotFoundException.For("r1").Message}"]);
        CliErrors.Describe(new OrchestratorException("broken"), null).Lines.ShouldBe(["error: broken"]);
    }

    [Fact]
    public void Describe_RpcFailure_Exit1NamingTheSidecar()
    {
        var (exitCode, lines) = CliErrors.Describe(new RpcException(new Status(StatusCode.Unavailable, "connection refused")), "http://127.0.0.1:4001");

        exitCode.ShouldBe(OrchestratorCli.Failure);
        lines.ShouldBe(["error: cannot reach the sidecar at http://127.0.0.1:4001 (Unavailable: connection refused); start one with 'orchestrator worker' or pass --sidecar ADDRESS"]);
    }

    [Fact]
    public void Describe_UnexpectedException_Exit1WithTypeAndTrace()
    {
        var (exitCode, lines) = CliErrors.Describe(new InvalidOperationException("bug"), null);

        exitCode.ShouldBe(OrchestratorCli.Failure);
        lines[0].ShouldBe("error: unexpected InvalidOperationException: bug");
        lines[1].ShouldContain("System.InvalidOperationException: bug");
    }

    [Fact]
    public async Task Parse_UnknownOption_Exit2WithWhereToFindUsage()
    {
        var result = await _sandbox.RunAsync("workflows", "list", "--no-such-option");

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.ToString());
        result.Error.ShouldContain("--no-such-option");
        result.Error.ShouldContain("Run 'orchestrator --help' for usage.");
    }

    [Fact]
    public async Task Runs_SidecarNotAnAddress_Exit2()
    {
        var result = await _sandbox.RunAsync("runs", "list", "--sidecar", "127.0.0.1:4001");

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.ToString());
        result.Error.ShouldBe($"error: --sidecar '127.0.0.1:4001' is not an http:// or https:// address, e.g. http://127.0.0.1:4001{Environment.NewLine}");
    }

    [Fact]
    public async Task Runs_StatusNotAState_Exit2()
    {
        var result = await _sandbox.RunAsync("runs", "list", "--status", "sleeping", "--sidecar", $"http://127.0.0.1:{FreePort.Next()}");

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.ToString());
        result.Error.ShouldContain("error: --status sleeping is not one of pending, running");
    }

    [Fact]
    public async Task Runs_NoSidecarListening_Exit1NamingTheAddress()
    {
        var address = $"http://127.0.0.1:{FreePort.Next()}";

        var result = await _sandbox.RunAsync("runs", "list", "--sidecar", address);

        result.ExitCode.ShouldBe(OrchestratorCli.Failure, result.ToString());
        result.Error.ShouldStartWith($"error: cannot reach the sidecar at {address} (Unavailable");
        result.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Runs_AddressFromTheEnvironment_NamedWhenUnreachable()
    {
        var address = $"http://127.0.0.1:{FreePort.Next()}";
        _sandbox.Environment = _sandbox.Environment.Add("ORCHESTRATOR_SIDECAR", address);

        var result = await _sandbox.RunAsync("runs", "show", "r1");

        result.ExitCode.ShouldBe(OrchestratorCli.Failure, result.ToString());
        result.Error.ShouldContain($"cannot reach the sidecar at {address}");
    }

    [Fact]
    public async Task Sidecar_SettingOfTheWrongTypeInTheEnvironment_Exit2NamingTheVariable()
    {
        _sandbox.Environment = _sandbox.Environment.Add("ORCHESTRATOR_SIDECAR__PORT", "abc");

        var result = await _sandbox.RunAsync("sidecar");

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.ToString());
        result.Error.ShouldContain("'abc' at 'Sidecar:Port'");
        result.Error.ShouldContain("ORCHESTRATOR_SIDECAR__* environment variable");
    }
}
