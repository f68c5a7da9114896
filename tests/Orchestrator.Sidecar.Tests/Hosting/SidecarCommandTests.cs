using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Orchestrator.Sidecar.Tests.Infrastructure;

namespace Orchestrator.Sidecar.Tests.Hosting;

/// <summary>The real <c>orchestrator sidecar</c> executable: bad settings exit 2 with a message; settings come from the environment too.</summary>
public sealed class SidecarCommandTests
{
    [Theory]
    [InlineData("Sidecar:Backend 'nope'", "--backend", "nope")]
    [InlineData("Sidecar:Port 70000", "--port", "70000")]
    [InlineData("Sidecar:ConnectionString is required", "--backend", "azure-storage")]
    [InlineData("Sidecar:Partitions 40", "--backend", "azure-storage", "--connection", "UseDevelopmentStorage=true", "--partitions", "40")]
    [InlineData("Sidecar:Host 'example'", "--host", "example")]
    [InlineData("--port", "--port", "abc")]
    [InlineData("Sidecar:DatabasePath '/' is a directory", "--backend", "sqlite", "--database", "/")]
    public async Task Sidecar_BadOption_ExitsTwoWithMessage(string expected, params string[] arguments)
    {
        await using var process = ChildProcess.StartDotnet(RepoPaths.CliDll, ["sidecar", .. arguments]);

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBeTrue("the command did not exit");

        process.ExitCode.ShouldBe(2, process.Output);
        process.Output.ShouldContain(expected);
    }

    [Fact]
    public async Task Sidecar_BackendFromEnvironment_IsValidated()
    {
        await using var process = ChildProcess.StartDotnet(
            RepoPaths.CliDll, ["sidecar"], new Dictionary<string, string> { ["ORCHESTRATOR_SIDECAR__BACKEND"] = "bogus" });

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBeTrue("the command did not exit");

        process.ExitCode.ShouldBe(2, process.Output);
        process.Output.ShouldContain("Sidecar:Backend 'bogus'");
    }

    [Fact]
    public async Task Sidecar_PortFromEnvironment_LogsOneListeningLineWithBackendAndDurability()
    {
        await using var process = ChildProcess.StartDotnet(
            RepoPaths.CliDll, ["sidecar", "--backend", "memory"], new Dictionary<string, string> { ["ORCHESTRATOR_SIDECAR__PORT"] = "0" });

        var line = await process.WaitForLineAsync(l => l.Contains("Sidecar listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "no listening line");

        line.ShouldMatch(@"Sidecar listening on http://127\.0\.0\.1:\d+ \(backend memory; state is lost when the sidecar stops\)");
        process.Output.Split('\n').Count(l => l.Contains("Sidecar listening on", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Sidecar_SqliteDatabaseOwnedByAnotherSidecar_ExitsOneNamingFileAndOwner()
    {
        using var data = new TempDirectory("orch-owned-");
        var database = data.Combine("owned.db");
        await using var owner = await SidecarProcess.StartAsync("--backend", "sqlite", "--database", database);

        await using var second = ChildProcess.StartDotnet(RepoPaths.CliDll, ["sidecar", "--port", "0", "--backend", "sqlite", "--database", database]);
        (await second.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBeTrue("the second sidecar did not exit");

        second.ExitCode.ShouldBe(1, second.Output);
        second.Output.ShouldContain($"The database {database} is in use by process {owner.Process.Id} (its sidecar listens on {owner.Address})");
        var record = Orchestrator.Storage.Sqlite.SqliteDatabaseOwner.TryRead(database).ShouldNotBeNull();
        record.Address.ShouldBe(owner.Address, "the owner records where its sidecar listens");
        record.IsAlive().ShouldBeTrue();
    }

    [Fact]
    public async Task Sidecar_PortInUse_ExitsOneSayingWhy()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        await using var process = ChildProcess.StartDotnet(RepoPaths.CliDll, ["sidecar", "--port", port]);

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBeTrue("the command did not exit");

        process.ExitCode.ShouldBe(1, process.Output);
        process.Output.ShouldContain($"cannot listen on 127.0.0.1:{port}");
        process.Output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Sidecar_NonLoopbackHost_WarnsThatTheProtocolIsUnauthenticated()
    {
        await using var process = ChildProcess.StartDotnet(RepoPaths.CliDll, ["sidecar", "--host", "0.0.0.0", "--port", "0"]);

        await process.WaitForLineAsync(l => l.Contains("Sidecar listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "no listening line");

        process.Output.ShouldContain("which is not a loopback address");
    }
}
