namespace Orchestrator.Cli.Tests.Engine;

/// <summary>run, worker and serve choose between --sidecar ADDRESS and an embedded sidecar the same way.</summary>
public sealed class SidecarChoiceTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData("run", "fiction")]
    [InlineData("worker")]
    [InlineData("serve")]
    public async Task Command_SidecarNotAnAddress_UsageErrorNamingIt(params string[] command)
    {
        var result = await _sandbox.RunAsync([.. command, "--sidecar", "127.0.0.1:4001"]);

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.Error);
        result.Error.ShouldContain("--sidecar '127.0.0.1:4001' is not an http:// or https:// address");
    }

    [Theory]
    [InlineData("run", "fiction")]
    [InlineData("worker")]
    public async Task Command_SidecarWithEmbeddedBackendOptions_UsageError(params string[] command)
    {
        var result = await _sandbox.RunAsync([.. command, "--sidecar", "http://127.0.0.1:4001", "--backend", "azure-storage"]);

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.Error);
        result.Error.ShouldContain("cannot be combined with --sidecar");
    }

    [Fact]
    public async Task Run_EmbeddedAzureStorageWithoutConnection_UsageError()
    {
        var result = await _sandbox.RunAsync("run", "fiction", "--backend", "azure-storage");

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.Error);
        result.Error.ShouldContain("connection", Case.Insensitive);
    }
}
