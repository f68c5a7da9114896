using System.Net.Sockets;

namespace Orchestrator.Sidecar.Tests.Infrastructure;

/// <summary>
/// The Azurite helper every Azure Storage test stands on: test assemblies run in parallel, each with its own Azurite,
/// so several start at once and must never collide on a port.
/// </summary>
public sealed class AzuriteProcessTests
{
    [Fact]
    public async Task StartAsync_ThreeAtOnce_EachListensOnItsOwnPorts()
    {
        using var data = new TempDirectory("orch-azurite-pair-");
        var starts = Enumerable.Range(0, 3)
            .Select(i => AzuriteProcess.StartAsync(RepoPaths.AzuriteExecutable, data.Sub($"a{i}"), TimeSpan.FromSeconds(60)))
            .ToArray();
        try
        {
            var azurites = await Task.WhenAll(starts);

            var ports = azurites.SelectMany(a => Endpoints(a.ConnectionString)).ToList();
            ports.Count.ShouldBe(9);
            ports.Distinct().Count().ShouldBe(9, string.Join(", ", ports));
            foreach (var port in ports)
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            // Every start has ended (WhenAll waits for all, also when one fails); stop the ones that came up.
            await Task.WhenAll(starts.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await (await start).DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task StartAsync_ExecutableMissing_SaysHowToInstallIt()
    {
        using var data = new TempDirectory("orch-azurite-missing-");

        var error = await Should.ThrowAsync<InvalidOperationException>(
            AzuriteProcess.StartAsync(data.Combine("no-such-azurite"), data.Path, TimeSpan.FromSeconds(5)));

        error.Message.ShouldContain("./build.sh test");
    }

    private static IEnumerable<int> Endpoints(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => part.Contains("Endpoint=http", StringComparison.Ordinal))
            .Select(part => new Uri(part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]).Port);
}
