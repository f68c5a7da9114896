using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Cli.Hosting;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Hosting;

/// <summary>
/// The server with its embedded sidecar on the durable backend (Azure Storage against a real Azurite, installed by
/// ./build.sh test): start, get, list and stream a run. Fails — never skips — when Azurite is missing.
/// </summary>
public sealed class AzureStorageServeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Serve_AzureStorageBackend_RunStartsCompletesAndIsListed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var root = new TempDirectory("orch-server-az-");
        root.Write("plugins/echo/plugin.yaml", "name: echo\nversion: 1.0.0\ntype: builtin\ndomains: [test]\nphases:\n  - name: say\n    order: 1\n");
        var logs = new CapturedLogs();
        var options = new ServeHostOptions
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
        options.Sidecar.TaskHub = azurite.NewTaskHub("srv");
        options.Sidecar.PollingInterval = TimeSpan.FromMilliseconds(200);
        options.Sidecar.ConnectionString = azurite.ConnectionString;
        await using var host = await ServeHost.StartAsync(options, ct);
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
}
