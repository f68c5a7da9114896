using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orchestrator.IntegrationTests.Durability;

namespace Orchestrator.IntegrationTests.HotReload;

/// <summary>
/// The "Done when" of in-flight runs surviving hot reload (docs/writing-plugins.md#runs-in-flight), with a real
/// <c>orchestrator serve</c> and a real sandboxed executable plugin: two runs are held in their first phase by a gate
/// file in their workspace, the plugin is edited to 2.0.0 meanwhile, and both finish on 1.0.0 while a new run takes
/// 2.0.0; once they end, the 1.0.0 snapshot is collected.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PinnedVersionTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly UserMachine _machine = new(phases: 1);
    private readonly string _root;

    public PinnedVersionTests()
    {
        _root = Path.GetDirectoryName(_machine.Plugins)!;
        _machine.Environment.Remove("ORCHESTRATOR_PLUGINS__SANDBOX");
        _machine.Environment["XDG_CACHE_HOME"] = Path.Combine(_root, "xdg-cache");
        _machine.Environment["ORCHESTRATOR_PLUGINS__SNAPSHOTGRACE"] = "00:00:00";
        _machine.Environment["ORCHESTRATOR_ENGINE__PLUGINCOLLECTIONINTERVAL"] = "00:00:01";
    }

    private string Snapshots => Path.Combine(_root, "xdg-cache", "orchestrator", "plugins", "hr");

    public void Dispose() => _machine.Dispose();

    [Fact]
    public async Task Serve_PluginEditedWhileTwoRunsAreMidway_BothFinishOnTheOldVersionAndANewRunTakesTheNew()
    {
        WritePlugin("1.0.0");
        await using var serve = _machine.Start("serve", "--urls", "http://127.0.0.1:0");
        using var http = new HttpClient { BaseAddress = await UserMachine.ServeAddressAsync(serve) };
        await StartAsync(http, "old-1");
        await StartAsync(http, "old-2");
        foreach (var id in new[] { "old-1", "old-2" })
        {
            await Eventually.TrueAsync(() => Task.FromResult(Journal(id).Contains("p1 1.0.0")), Deadline, () => $"{id} never started p1; serve:{Environment.NewLine}{serve.Output}");
        }

        var edited = WritePlugin("2.0.0");
        await Eventually.TrueAsync(
            async () => (await http.GetFromJsonAsync<JsonElement>("/api/plugins/hr", TestContext.Current.CancellationToken)).GetProperty("content_hash").GetString() == edited,
            Deadline,
            () => $"serve never reloaded the edited plugin; serve:{Environment.NewLine}{serve.Output}");
        foreach (var id in new[] { "old-1", "old-2" })
        {
            File.WriteAllText(Path.Combine(Workspace(id), "gate"), "open");
        }

        var old1 = await WaitForEndAsync(http, "old-1", serve);
        var old2 = await WaitForEndAsync(http, "old-2", serve);
        await StartAsync(http, "new-1", gateOpen: true);
        var fresh = await WaitForEndAsync(http, "new-1", serve);

        foreach (var (id, run) in new[] { ("old-1", old1), ("old-2", old2) })
        {
            run.GetProperty("status").GetString().ShouldBe("completed", $"{id}: {run}{Environment.NewLine}serve:{Environment.NewLine}{serve.Output}");
            Journal(id).ShouldBe(["p1 1.0.0", "p2 1.0.0"], $"{id} runs every phase on the version it started on");
            run.GetProperty("plugin").GetProperty("version").GetString().ShouldBe("1.0.0");
        }

        fresh.GetProperty("status").GetString().ShouldBe("completed", fresh.ToString());
        Journal("new-1").ShouldBe(["p1 2.0.0", "p2 2.0.0"]);
        fresh.GetProperty("plugin").GetProperty("version").GetString().ShouldBe("2.0.0");
        var v1Hash = old1.GetProperty("plugin").GetProperty("content_hash").GetString()!;
        var v2Hash = fresh.GetProperty("plugin").GetProperty("content_hash").GetString()!;
        v1Hash.ShouldNotBe(v2Hash);
        await Eventually.TrueAsync(
            () => Task.FromResult(!Directory.Exists(Path.Combine(Snapshots, v1Hash))),
            Deadline,
            () => $"the 1.0.0 snapshot was not collected after its runs ended; serve:{Environment.NewLine}{serve.Output}");
        Directory.Exists(Path.Combine(Snapshots, v2Hash)).ShouldBeTrue("the current version keeps its snapshot");
        serve.Output.ShouldContain($"Loaded plugin hr@1.0.0 ({v1Hash[..12]}) from its snapshot {Path.Combine(Snapshots, v1Hash)}");

        // What a user sees (docs/writing-plugins.md#runs-in-flight): runs show talks to the serve that owns the database.
        var show = await _machine.RunAsync(Deadline, "runs", "show", "old-1");
        var json = await _machine.RunAsync(Deadline, "runs", "show", "new-1", "--json");
        show.ExitCode.ShouldBe(0, show.Output);
        show.StandardOutput.ShouldContain("run old-1: completed");
        show.StandardOutput.ShouldContain($"  plugin hr 1.0.0 (content {v1Hash[..12]})");
        json.ExitCode.ShouldBe(0, json.Output);
        using var record = JsonDocument.Parse(json.StandardOutput);
        record.RootElement.GetProperty("plugin").GetProperty("content_hash").GetString().ShouldBe(v2Hash);
    }

    [Fact]
    public async Task Serve_KilledAfterTheEditAndRestarted_TheRunFindsItsVersionInTheStoreAndFinishesOnIt()
    {
        _machine.Environment["ORCHESTRATOR_SIDECAR__VISIBILITYTIMEOUT"] = "00:00:05";
        WritePlugin("1.0.0");
        string edited;
        await using (var first = _machine.Start("serve", "--urls", "http://127.0.0.1:0"))
        {
            using var http = new HttpClient { BaseAddress = await UserMachine.ServeAddressAsync(first) };
            await StartAsync(http, "crash-1");
            await Eventually.TrueAsync(() => Task.FromResult(Journal("crash-1").Contains("p1 1.0.0")), Deadline, () => $"p1 never started; serve:{Environment.NewLine}{first.Output}");
            edited = WritePlugin("2.0.0");
            await Eventually.TrueAsync(
                async () => (await http.GetFromJsonAsync<JsonElement>("/api/plugins/hr", TestContext.Current.CancellationToken)).GetProperty("content_hash").GetString() == edited,
                Deadline,
                () => $"serve never reloaded the edited plugin; serve:{Environment.NewLine}{first.Output}");
            first.Kill();
            (await first.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue("the killed serve did not exit");
        }

        await using var second = _machine.Start("serve", "--urls", "http://127.0.0.1:0");
        using var api = new HttpClient { BaseAddress = await UserMachine.ServeAddressAsync(second) };

        // The restarted serve loads 2.0.0 and collects every second; the run's p1 comes back once the backend hands
        // the interrupted attempt out again, and 1.0.0 must still be there for it.
        await Eventually.TrueAsync(
            () => Task.FromResult(Journal("crash-1").Count(l => l == "p1 1.0.0") == 2),
            Deadline,
            () => $"the interrupted p1 never ran again; journal: {string.Join(", ", Journal("crash-1"))}; serve:{Environment.NewLine}{second.Output}");
        File.WriteAllText(Path.Combine(Workspace("crash-1"), "gate"), "open");
        var run = await WaitForEndAsync(api, "crash-1", second);

        run.GetProperty("status").GetString().ShouldBe("completed", $"{run}{Environment.NewLine}serve:{Environment.NewLine}{second.Output}");
        Journal("crash-1").ShouldBe(["p1 1.0.0", "p1 1.0.0", "p2 1.0.0"]);
        run.GetProperty("plugin").GetProperty("version").GetString().ShouldBe("1.0.0");
        (await api.GetFromJsonAsync<JsonElement>("/api/plugins/hr", TestContext.Current.CancellationToken)).GetProperty("content_hash").GetString().ShouldBe(edited);
    }

    private string Workspace(string runId) => Path.Combine(_root, "xdg-data", "orchestrator", "runs", runId);

    private IReadOnlyList<string> Journal(string runId)
    {
        var path = Path.Combine(Workspace(runId), "journal");
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    private async Task StartAsync(HttpClient http, string id, bool gateOpen = false)
    {
        if (gateOpen)
        {
            Directory.CreateDirectory(Workspace(id));
            File.WriteAllText(Path.Combine(Workspace(id), "gate"), "open");
        }

        using var body = new StringContent("""{"plugin": "hr"}""", Encoding.UTF8, "application/json");
        using var started = await http.PutAsync($"/api/runs/{id}", body, TestContext.Current.CancellationToken);
        ((int)started.StatusCode).ShouldBe(201, await started.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<JsonElement> WaitForEndAsync(HttpClient http, string id, ChildProcess serve)
    {
        var run = default(JsonElement);
        await Eventually.TrueAsync(
            async () => (run = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", TestContext.Current.CancellationToken)).GetProperty("is_terminal").GetBoolean(),
            Deadline,
            () => $"{id} did not end: {run}{Environment.NewLine}serve:{Environment.NewLine}{serve.Output}");
        return run;
    }

    /// <summary>
    /// Writes plugin <c>hr</c> at <paramref name="version"/>: p1 journals and waits for the workspace's gate file, p2
    /// journals. Each file is written outside the plugin directory and renamed into it, as editors save, so a script
    /// that is running keeps reading the file it started with.
    /// </summary>
    /// <returns>The content hash of the plugin directory written.</returns>
    private string WritePlugin(string version)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_machine.Plugins, "hr")).FullName;
        Replace(Path.Combine(directory, "run.sh"), $$"""
            #!/bin/bash
            case "$1" in
              info) echo '{"name":"hr","version":"{{version}}","protocol":1,"phases":["p1","p2"]}' ;;
              validate) exit 0 ;;
              execute)
                cat > /dev/null
                echo "$2 {{version}}" >> "$ORCHESTRATOR_WORKDIR/journal"
                if [ "$2" = p1 ]; then
                  for _ in $(seq 1 1200); do [ -e "$ORCHESTRATOR_WORKDIR/gate" ] && break; sleep 0.1; done
                  [ -e "$ORCHESTRATOR_WORKDIR/gate" ] || { echo "the gate never opened" >&2; exit 1; }
                fi
                echo '{"output":"{{version}}"}'
                ;;
              *) echo "unknown command $1" >&2; exit 2 ;;
            esac
            """);
        Replace(Path.Combine(directory, "plugin.yaml"), $"""
            name: hr
            version: {version}
            type: external
            binary: true
            entry_point: run.sh
            domains: [test]
            phases:
              - name: p1
                order: 1
              - name: p2
                order: 2
            """);
        return Orchestrator.Plugins.Loading.ContentHash.Compute(directory, TestContext.Current.CancellationToken);
    }

    private void Replace(string path, string content)
    {
        var temporary = Path.Combine(_root, "saving-" + Path.GetFileName(path));
        File.WriteAllText(temporary, content);
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.Move(temporary, path, overwrite: true);
    }
}
