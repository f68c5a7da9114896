using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.Server.Tests.Crashes;

/// <summary>
/// A real <c>orchestrator serve</c> on a durable backend is killed (kill -9 of its process tree) while 20 runs are in a
/// phase with a 30 s timeout, and started again: every run completes. The backstop timer of the phase
/// (docs/running-workflows.md#crashes-and-resuming) must outlast the backend's redelivery of the attempts the crash cut
/// off; a margin of 5 s makes a backstop that ignores it fire before any attempt comes back.
/// </summary>
public abstract partial class ServeKillTests : IDisposable
{
    private const int Runs = 20;

    private readonly TempDirectory _root = new("orch-serve-kill-");

    public void Dispose()
    {
        _root.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The backend options of <c>serve</c> (those that must be the same after the restart).</summary>
    protected abstract IReadOnlyList<string> BackendArguments(TempDirectory root);

    /// <summary>Environment for the backend, on top of the common settings.</summary>
    protected virtual IReadOnlyDictionary<string, string> BackendEnvironment(TempDirectory root) => new Dictionary<string, string>();

    [Fact]
    public async Task Serve_KilledWithRunsMidPhase_EveryRunCompletesAfterTheRestart()
    {
        var ct = TestContext.Current.CancellationToken;
        var markers = Directory.CreateDirectory(_root.Combine("markers")).FullName;
        ScriptPlugin.Write(_root.Combine("plugins"), "crash", """
              - name: p1
                order: 1
              - name: p2
                order: 2
                timeout: 30s
              - name: p3
                order: 3
            """, "\"p1\",\"p2\",\"p3\"", $$"""
                if [ "$2" = p2 ] && [ ! -e '{{markers}}'/"$ORCHESTRATOR_RUN_ID" ]; then touch '{{markers}}'/"$ORCHESTRATOR_RUN_ID"; sleep 28; fi
                echo "{\"output\":\"$2\"}"
            """);

        await using (var first = StartServe())
        {
            using var client = new HttpClient { BaseAddress = new Uri(await ListeningAsync(first)), Timeout = TimeSpan.FromSeconds(60) };
            for (var i = 0; i < Runs; i++)
            {
                using var put = await client.PutAsync($"/api/runs/kill-{i}", JsonContent.Create(new { plugin = "crash" }), ct);
                put.IsSuccessStatusCode.ShouldBeTrue(await put.Content.ReadAsStringAsync(ct));
            }

            await Eventually.TrueAsync(
                () => Directory.GetFiles(markers).Length == Runs, TimeSpan.FromSeconds(120),
                () => $"only {Directory.GetFiles(markers).Length} of {Runs} runs reached p2; serve:{Environment.NewLine}{first.Output}");
            first.Kill();
            (await first.WaitForExitAsync(TimeSpan.FromSeconds(20))).ShouldBeTrue("the killed serve did not exit");
        }

        await using var second = StartServe();
        using var after = new HttpClient { BaseAddress = new Uri(await ListeningAsync(second)), Timeout = TimeSpan.FromSeconds(60) };
        Dictionary<string, JsonElement> runs = [];
        await Eventually.TrueAsync(
            async () =>
            {
                runs = await ReadRunsAsync(after, ct);
                return runs.Count == Runs && runs.Values.All(r => r.GetProperty("is_terminal").GetBoolean());
            },
            TimeSpan.FromMinutes(5),
            () => $"runs still going after the restart: {string.Join(", ", runs.Where(r => !r.Value.GetProperty("is_terminal").GetBoolean()).Select(r => r.Key))}; serve:{Environment.NewLine}{second.Output}");

        var failed = runs.Where(r => r.Value.GetProperty("status").GetString() != "completed")
            .Select(r => $"{r.Key}: {r.Value.GetProperty("status").GetString()} {r.Value.GetProperty("failure")}").ToList();
        failed.ShouldBeEmpty($"{Runs - failed.Count}/{Runs} completed");
    }

    private static async Task<Dictionary<string, JsonElement>> ReadRunsAsync(HttpClient client, CancellationToken ct)
    {
        var runs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        for (var i = 0; i < Runs; i++)
        {
            using var response = await client.GetAsync($"/api/runs/kill-{i}", ct);
            if (response.IsSuccessStatusCode)
            {
                runs[$"kill-{i}"] = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            }
        }

        return runs;
    }

    private static async Task<string> ListeningAsync(ChildProcess serve)
    {
        var line = await serve.WaitForLineAsync(l => l.StartsWith("Orchestrator API listening on ", StringComparison.Ordinal), TimeSpan.FromSeconds(90), "listening line");
        return ListeningUrl().Match(line).Value;
    }

    private ChildProcess StartServe()
    {
        var environment = new Dictionary<string, string>(BackendEnvironment(_root))
        {
            ["XDG_DATA_HOME"] = _root.Combine("xdg-data"),
            ["XDG_CONFIG_HOME"] = _root.Combine("xdg-config"),
            ["ORCHESTRATOR_ENGINE__TIMEOUTMARGIN"] = "00:00:05",

            // The plugin leaves its markers in one directory outside every run's workspace, which the sandbox forbids
            // (docs/process-protocol.md#sandbox); what this test checks is durability, not isolation.
            ["ORCHESTRATOR_PLUGINS__SANDBOX"] = "off",
        };
        return ChildProcess.StartDotnet(
            RepoPaths.CliDll,
            ["serve", "--urls", "http://127.0.0.1:0", "--data-dir", _root.Combine("data"), "--plugins", _root.Combine("plugins"), .. BackendArguments(_root)],
            environment,
            _root.Path);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningUrl();
}
