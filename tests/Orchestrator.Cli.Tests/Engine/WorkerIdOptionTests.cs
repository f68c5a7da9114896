namespace Orchestrator.Cli.Tests.Engine;

/// <summary>
/// --worker-id (and Sidecar:WorkerId) on sidecar, worker and serve, and --lease-timeout on sidecar: the names and values
/// of a node on a shared azure-storage task hub (docs/scale-out.md#node-identity). Bad values are usage errors before
/// anything connects to storage.
/// </summary>
public sealed class WorkerIdOptionTests : IDisposable
{
    private const string Azure = "azure-storage";

    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData("sidecar")]
    [InlineData("worker")]
    [InlineData("serve")]
    public async Task Help_ListsWorkerId(string command)
    {
        var result = await _sandbox.RunAsync(command, "--help");

        result.ExitCode.ShouldBe(OrchestratorCli.Success, result.Error);
        result.Output.ShouldContain("--worker-id");
    }

    [Theory]
    [InlineData("sidecar", "node/1")]
    [InlineData("worker", "-node")]
    [InlineData("serve", "node 1")]
    [InlineData("serve", "")]
    public async Task Command_WorkerIdNotAnId_UsageErrorSayingWhatAnIdIs(string command, string workerId)
    {
        var result = await _sandbox.RunAsync(command, "--backend", Azure, "--connection", "UseDevelopmentStorage=true", "--worker-id", workerId);

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.Error);
        result.Error.ShouldContain($"Sidecar:WorkerId '{workerId}' is not a worker id");
        result.Error.ShouldContain("letters, digits");
    }

    [Theory]
    [InlineData("ORCHESTRATOR_SIDECAR__WORKERID", "a*b", "Sidecar:WorkerId 'a*b' is not a worker id")]
    [InlineData("ORCHESTRATOR_SIDECAR__LEASETIMEOUT", "00:00:01", "Sidecar:LeaseTimeout 00:00:01 is out of range")]
    public async Task Serve_NodeSettingFromEnvironmentBad_UsageErrorNamingTheSetting(string variable, string value, string expected)
    {
        _sandbox.Environment = _sandbox.Environment.SetItem(variable, value);

        var result = await _sandbox.RunAsync("serve", "--backend", Azure, "--connection", "UseDevelopmentStorage=true");

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.Error);
        result.Error.ShouldContain(expected);
    }

    [Theory]
    [InlineData("sidecar")]
    [InlineData("worker")]
    [InlineData("serve")]
    public async Task Command_WorkerIdWithoutAzureStorage_UsageErrorNamingTheBackend(string command)
    {
        var result = await _sandbox.RunAsync(command, "--backend", "sqlite", "--worker-id", "node-1");

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.Error);
        result.Error.ShouldContain("--worker-id names a node of an azure-storage task hub");
        result.Error.ShouldContain("the sqlite backend has no such hub");
    }

    [Theory]
    [InlineData("worker")]
    [InlineData("serve")]
    public async Task Command_WorkerIdWithExternalSidecar_UsageError(string command)
    {
        var result = await _sandbox.RunAsync(command, "--sidecar", "http://127.0.0.1:4001", "--worker-id", "node-1");

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.Error);
        result.Error.ShouldContain("--worker-id configure the embedded sidecar; they cannot be combined with --sidecar");
    }

    [Theory]
    [InlineData("5")]
    [InlineData("301")]
    public async Task Sidecar_LeaseTimeoutOutOfRange_UsageErrorWithTheRange(string seconds)
    {
        var result = await _sandbox.RunAsync("sidecar", "--backend", Azure, "--connection", "UseDevelopmentStorage=true", "--lease-timeout", seconds);

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.Error);
        result.Error.ShouldContain("Sidecar:LeaseTimeout");
        result.Error.ShouldContain("use 6 to 300 seconds (default 30");
    }
}
