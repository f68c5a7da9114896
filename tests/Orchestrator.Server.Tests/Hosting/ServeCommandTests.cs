using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Hosting;

/// <summary>`orchestrator serve` refuses bad options with exit code 2 and says what to fix.</summary>
public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("--sidecar|localhost:4001", "--sidecar 'localhost:4001' is not an http:// or https:// address")]
    [InlineData("--urls|127.0.0.1:8080", "--urls '127.0.0.1:8080' is not an address to listen on")]
    [InlineData("--backend|azure-storage", "ConnectionString")]
    [InlineData("--backend|sql", "sql")]
    [InlineData("--sidecar|http://127.0.0.1:4001|--backend|memory", "cannot be combined with --sidecar")]
    public async Task Serve_BadOption_UsageErrorNamingIt(string arguments, string expected)
    {
        using var data = new TempDirectory("orch-serve-");
        using var serve = ChildProcess.Start("dotnet", [RepoPaths.CliDll, "serve", "--data-dir", data.Path, .. arguments.Split('|')], workingDirectory: data.Path);

        var exit = await serve.WaitForExitCodeAsync(TimeSpan.FromSeconds(60));

        exit.ShouldBe(2, serve.Output);
        serve.Output.ShouldContain(expected, Case.Insensitive);
    }

    [Fact]
    public async Task Serve_PortTaken_FailureExplainingIt()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var data = new TempDirectory("orch-serve-");
        using var serve = ChildProcess.Start("dotnet", [RepoPaths.CliDll, "serve", "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{port}"], workingDirectory: data.Path);

        var exit = await serve.WaitForExitCodeAsync(TimeSpan.FromSeconds(60));

        exit.ShouldBe(1, serve.Output);
        serve.Output.ShouldContain("cannot start the server");
    }
}
