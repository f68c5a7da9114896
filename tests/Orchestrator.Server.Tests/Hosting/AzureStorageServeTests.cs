using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Hosting;

/// <summary>
/// The server with its embedded sidecar on the durable backend (Azure Storage against a real Azurite, installed by
/// ./build.sh test): start, get, list and stream a run. Fails — never skips — when Azurite is missing.
/// </summary>
public sealed class AzureStorageServeTests
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public async Task Serve_AzureStorageBackend_RunStartsCompletesAndIsListed()
    {
        var ct = TestContext.Current.CancellationToken;
        var azurite = Path.Combine(RepoPaths.Root, "tools", "azurite", "node_modules", ".bin", "azurite");
        File.Exists(azurite).ShouldBeTrue($"Azurite is not installed ({azurite}): run ./build.sh test, which installs it with npm ci --prefix tools/azurite");
        using var root = new TempDirectory("orch-server-az-");
        int[] ports = [FreePort(), FreePort(), FreePort()];
        using var storage = ChildProcess.Start(azurite,
        [
            "--skipApiVersionCheck", "--silent", "--location", root.Combine("azurite"),
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", P(ports[0]), "--queuePort", P(ports[1]), "--tablePort", P(ports[2]),
        ], root.Path);
        foreach (var port in ports)
        {
            await WaitForPortAsync(port, storage);
        }

        root.Write("plugins/echo/plugin.yaml", "name: echo\nversion: 1.0.0\ntype: builtin\ndomains: [test]\nphases:\n  - name: say\n    order: 1\n");
        var logs = new CapturedLogs();
        var options = new ServerHostOptions
        {
            Urls = "http://127.0.0.1:0",
            Discovery = new DiscoveryOptions
            {
                ExplicitPaths = [root.Combine("plugins")],
                Environment = ImmutableDictionary<string, string>.Empty.Add("XDG_DATA_DIRS", root.Combine("none")),
                HomeDirectory = root.Path,
                CurrentDirectory = root.Path,
                BinaryDirectory = root.Combine("bin"),
            },
            BuiltIns = new Dictionary<string, Func<IPhaseProvider>>
            {
                ["echo"] = () => new DelegateProvider(new DelegatePhase("say", (r, _) => Task.FromResult(PhaseResult.FromOutput(new { said = "hi" })))),
            },
            WatchPlugins = false,
            Engine = e =>
            {
                e.DataDirectory = root.Combine("data");
                e.CurrentDirectory = root.Path;
                e.EnableRetention = false;
            },
            Logging = l => l.ClearProviders().AddProvider(logs),
        };
        options.Sidecar.Backend = "azure-storage";
        options.Sidecar.TaskHub = string.Create(CultureInfo.InvariantCulture, $"srv{Environment.ProcessId % 100000}");
        options.Sidecar.PollingInterval = TimeSpan.FromMilliseconds(200);
        options.Sidecar.ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{P(ports[0])}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{P(ports[1])}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{P(ports[2])}/devstoreaccount1;";
        await using var host = await OrchestratorServerHost.StartAsync(options, ct);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        using var put = await client.PutAsync("/api/runs/az-run-1", ServerFixture.Json("""{"plugin": "echo"}"""), ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Created, await put.Content.ReadAsStringAsync(ct));
        var events = await client.GetStringAsync("/api/runs/az-run-1/events", ct);
        var run = await client.GetFromJsonAsync<JsonElement>("/api/runs/az-run-1", ct);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/runs?status=completed", ct);
        var byPlugin = await client.GetFromJsonAsync<JsonElement>("/api/runs?plugin=echo", ct);

        events.ShouldContain("event: end", customMessage: logs.Tail());
        run.GetProperty("status").GetString().ShouldBe("completed", logs.Tail());
        run.GetProperty("output").GetProperty("shared_data").GetProperty("phase_outputs").GetProperty("say").GetProperty("said").GetString().ShouldBe("hi");
        list.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()).ShouldBe(["az-run-1"], logs.Tail());
        byPlugin.GetProperty("runs").GetArrayLength().ShouldBe(1);
        list.GetProperty("runs")[0].GetProperty("progress").GetProperty("completed")[0].GetProperty("phase").GetString().ShouldBe("say");
    }

    private static async Task WaitForPortAsync(int port, ChildProcess process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        throw new TimeoutException($"Azurite did not open port {port} within 60 s:{Environment.NewLine}{process.Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string P(int port) => port.ToString(CultureInfo.InvariantCulture);
}
