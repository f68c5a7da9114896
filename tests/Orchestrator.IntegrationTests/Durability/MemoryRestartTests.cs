using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Orchestrator.IntegrationTests.Durability;

/// <summary>
/// Runs on `--backend memory` whose process is killed (docs/running-workflows.md#crashes-and-resuming): a look-up says
/// the run was lost with the in-memory backend, not that it may have been purged, and the next memory-backed process
/// removes the lost run's workspace and no other (a live owner's, a sqlite run's). The processes share one data directory.
/// </summary>
public sealed class MemoryRestartTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly UserMachine _machine = new(phases: 2, phaseSeconds: 300);

    public MemoryRestartTests()
    {
        // A lost run's workspace is kept for the retention time after the run started, and its record as long after
        // the workspace is removed: the tests age the lost run's record past the retention instead of making the
        // retention short, so the record is still there when they look the run up however slow the machine is.
        _machine.Environment["ORCHESTRATOR_ENGINE__RETENTION"] = "01:00:00";
    }

    public void Dispose() => _machine.Dispose();

    private string RunsDirectory => Path.Combine(Path.GetDirectoryName(_machine.Database)!, "runs");

    [Fact]
    public async Task Run_OnMemoryKilled_RunsShowAndResumeSayItWasLost_AndAMemoryServeRemovesOnlyItsWorkspace()
    {
        // Every memory-backed process removes lost runs' workspaces when it starts: the run that stays alive is started
        // before the one that is killed, so the serve below is the one that finds the lost workspace.
        var durable = await StartAndKillAsync("run", "journal");
        await using var live = _machine.Start("run", "journal", "--backend", "memory");
        var alive = await UserMachine.StartedRunIdAsync(live);
        await _machine.WaitForJournalAsync(alive, "p1 start", live, Deadline);
        var (lost, lostPid) = await StartAndKillAsync("run", "journal", "--backend", "memory");
        AgePastRetention(lost);
        var lostMessage = $"run '{lost}' was lost with the in-memory backend when its process, orchestrator run (process {lostPid}), stopped";

        var shown = await _machine.RunAsync(Deadline, "runs", "show", lost);
        shown.ExitCode.ShouldBe(1, shown.Output);
        shown.StandardError.ShouldContain(lostMessage);
        shown.StandardError.ShouldContain("default sqlite backend keeps runs");
        shown.Output.ShouldNotContain("purged");

        var resumed = await _machine.RunAsync(Deadline, "run", "--resume", lost);
        resumed.ExitCode.ShouldBe(1, resumed.Output);
        resumed.StandardError.ShouldContain($"nothing to resume; {lostMessage}");

        await using var serve = _machine.Start("serve", "--backend", "memory", "--urls", "http://127.0.0.1:0");
        using var http = new HttpClient { BaseAddress = await UserMachine.ServeAddressAsync(serve) };
        await serve.WaitForLineAsync(l => l.Contains("Lost-run cleanup: pass done, 1 workspace(s)", StringComparison.Ordinal), Deadline, "the lost run's workspace was never removed");

        serve.Output.ShouldContain($"Removed the workspace {Path.Combine(RunsDirectory, lost)} of run {lost}");
        Directory.Exists(Path.Combine(RunsDirectory, lost)).ShouldBeFalse();
        Directory.Exists(Path.Combine(RunsDirectory, durable.RunId)).ShouldBeTrue("the sqlite run's workspace is kept");
        Directory.Exists(Path.Combine(RunsDirectory, alive)).ShouldBeTrue("the workspace of a run whose process runs is kept");
        var gone = await NotFoundDetailAsync(http, lost);
        gone.ShouldContain(lostMessage);
        gone.ShouldContain("its workspace has been removed");
        (await NotFoundDetailAsync(http, alive)).ShouldContain($"is kept by the in-memory backend of orchestrator run (process {live.Id}), another process");
        live.HasExited.ShouldBeFalse(live.Output);
    }

    [Fact]
    public async Task Serve_OnMemoryKilledAndStartedAgain_ItsRunReadsLostAndItsWorkspaceIsRemoved()
    {
        int firstPid;
        await using (var first = _machine.Start("serve", "--backend", "memory", "--urls", "http://127.0.0.1:0"))
        {
            firstPid = first.Id;
            using var http = new HttpClient { BaseAddress = await UserMachine.ServeAddressAsync(first) };
            using var body = new StringContent("""{"plugin": "journal"}""", Encoding.UTF8, "application/json");
            using var started = await http.PutAsync("/api/runs/mem-1", body, TestContext.Current.CancellationToken);
            ((int)started.StatusCode).ShouldBe(201, await started.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            await _machine.WaitForJournalAsync("mem-1", "p1 start", first, Deadline);
            first.Kill();
            (await first.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue("the killed serve did not exit");
        }

        Directory.Exists(Path.Combine(RunsDirectory, "mem-1")).ShouldBeTrue("the killed serve left the run's workspace");
        AgePastRetention("mem-1");
        await using var second = _machine.Start("serve", "--backend", "memory", "--urls", "http://127.0.0.1:0");
        using var api = new HttpClient { BaseAddress = await UserMachine.ServeAddressAsync(second) };
        await second.WaitForLineAsync(l => l.Contains("Lost-run cleanup: pass done", StringComparison.Ordinal), Deadline, "the lost run's workspace was never removed");

        var detail = await NotFoundDetailAsync(api, "mem-1");
        detail.ShouldContain($"run 'mem-1' was lost with the in-memory backend when its process, orchestrator serve (process {firstPid}), stopped");
        detail.ShouldNotContain("purged");
        Directory.Exists(Path.Combine(RunsDirectory, "mem-1")).ShouldBeFalse();
    }

    private async Task<(string RunId, int ProcessId)> StartAndKillAsync(params string[] arguments)
    {
        await using var run = _machine.Start(arguments);
        var runId = await UserMachine.StartedRunIdAsync(run);
        await _machine.WaitForJournalAsync(runId, "p1 start", run, Deadline);
        run.Kill();
        (await run.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue("the killed run did not exit");
        return (runId, run.Id);
    }

    /// <summary>
    /// Makes a run look started two hours ago to the lost-run cleanup: its start's time in the ledger of the process
    /// that started it (<c>memory-runs/*.log</c>, lines <c>+ ID TIME</c>; the process is gone, nothing else writes there).
    /// </summary>
    private void AgePastRetention(string runId)
    {
        var ledgers = Path.Combine(Path.GetDirectoryName(RunsDirectory)!, "memory-runs");
        var aged = 0;
        foreach (var ledger in Directory.EnumerateFiles(ledgers, "*.log"))
        {
            var lines = File.ReadAllLines(ledger);
            var index = Array.FindIndex(lines, l => l.StartsWith($"+ {runId} ", StringComparison.Ordinal));
            if (index >= 0)
            {
                lines[index] = $"+ {runId} {DateTime.UtcNow.AddHours(-2):O}";
                File.WriteAllLines(ledger, lines);
                aged++;
            }
        }

        aged.ShouldBe(1, $"run {runId} is recorded once in {ledgers}");
    }

    private static async Task<string> NotFoundDetailAsync(HttpClient http, string runId)
    {
        using var response = await http.GetAsync($"/api/runs/{runId}", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return problem.GetProperty("detail").GetString()!;
    }
}
