using System.Net.Http.Json;
using System.Text.Json;

namespace Orchestrator.IntegrationTests.Durability;

/// <summary>
/// One process owns a database file; `run` and `runs` on the same machine use the owner's sidecar instead of being
/// refused (docs/backends.md#how-run-and-runs-find-the-owner).
/// </summary>
public sealed class OwnershipTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly UserMachine _machine = new(phases: 3, phaseSeconds: 0.3);

    public void Dispose() => _machine.Dispose();

    [Fact]
    public async Task Serve_OwnsTheDatabase_RunAndRunsListUseItsSidecarAndItsWorkerRunsThePhases()
    {
        await using var serve = _machine.Start("serve", "--urls", "http://127.0.0.1:0");
        var api = await UserMachine.ServeAddressAsync(serve);

        var run = await _machine.RunAsync(Deadline, "run", "journal");
        var list = await _machine.RunAsync(Deadline, "runs", "list");

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.ShouldContain($"using the sidecar of orchestrator serve (process {serve.Id}) at http://127.0.0.1:");
        run.StandardOutput.ShouldContain($"which owns the database {_machine.Database}");
        var runId = run.StandardOutput.Split('\n').Single(l => l.StartsWith("run ", StringComparison.Ordinal) && l.Contains(" started (", StringComparison.Ordinal)).Split(' ')[1];
        serve.Output.ShouldContain($"Run {runId}: journal.p1 attempt 1 started", customMessage: "serve's worker runs the phases");
        list.ExitCode.ShouldBe(0, list.Output);
        list.StandardOutput.ShouldContain(runId);
        list.StandardOutput.ShouldContain("completed");
        using var http = new HttpClient { BaseAddress = api };
        var page = await http.GetFromJsonAsync<JsonElement>("/api/runs", TestContext.Current.CancellationToken);
        page.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()).ShouldContain(runId);
    }

    [Fact]
    public async Task SecondOwner_WorkerServeAndSidecarOnTheServedDatabase_RefusedNamingTheFileAndTheOwnersPid()
    {
        await using var serve = _machine.Start("serve", "--urls", "http://127.0.0.1:0");
        await UserMachine.ServeAddressAsync(serve);

        var worker = await _machine.RunAsync(Deadline, "worker", "--port", "0");
        var second = await _machine.RunAsync(Deadline, "serve", "--urls", "http://127.0.0.1:0");
        var sidecar = await _machine.RunAsync(Deadline, "sidecar", "--port", "0");

        var refusal = $"The database {_machine.Database} is in use by process {serve.Id}";
        foreach (var refused in new[] { worker, second, sidecar })
        {
            refused.ExitCode.ShouldBe(1, refused.Output);
            refused.StandardError.ShouldContain(refusal);
            refused.StandardError.ShouldContain("running orchestrator serve: one process owns a database file");
            refused.StandardError.ShouldNotContain("   at ");
        }

        serve.HasExited.ShouldBeFalse("the owner is not disturbed by the refused processes");
    }

    [Fact]
    public async Task Sidecar_BareWithNoWorker_RunConnectsAsItsWorkerAndFinishes()
    {
        await using var sidecar = _machine.Start("sidecar", "--port", "0");
        await sidecar.WaitForLineAsync(l => l.Contains("Sidecar listening on", StringComparison.Ordinal), Deadline, "the sidecar never listened");

        var run = await _machine.RunAsync(Deadline, "run", "journal");

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.ShouldContain($"using the sidecar of orchestrator sidecar (process {sidecar.Id})");
        run.StandardOutput.ShouldContain("completed");
    }

    [Fact]
    public async Task Sidecar_WithAWorkerConnected_RunStaysAClientAndThatWorkerRunsThePhases()
    {
        await using var sidecar = _machine.Start("sidecar", "--port", "0");
        var listening = await sidecar.WaitForLineAsync(l => l.Contains("Sidecar listening on", StringComparison.Ordinal), Deadline, "the sidecar never listened");
        var address = listening[(listening.IndexOf("http://", StringComparison.Ordinal))..].Split(' ')[0];
        await using var worker = _machine.Start("worker", "--sidecar", address, "--verbose");
        await worker.WaitForLineAsync(l => l.Contains("worker ready", StringComparison.Ordinal), Deadline, "the worker never got ready");

        var run = await _machine.RunAsync(Deadline, "run", "journal");

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.ShouldContain("completed");
        worker.Output.ShouldContain("journal.p1 attempt 1 started", customMessage: "the connected worker runs the phases");
        sidecar.Output.Split('\n').Count(l => l.Contains("tried to connect and was refused", StringComparison.Ordinal))
            .ShouldBeLessThanOrEqualTo(1, "run's worker stands down after one refusal instead of reconnecting: " + sidecar.Output);
    }

    [Fact]
    public async Task Run_ServeKilledWhileItFollowsTheRun_TheRunGoesOnInThisProcess()
    {
        using var machine = new UserMachine(phases: 5, phaseSeconds: 1);
        await using var serve = machine.Start("serve", "--urls", "http://127.0.0.1:0");
        await UserMachine.ServeAddressAsync(serve);
        await using var run = machine.Start("run", "journal");
        var runId = await UserMachine.StartedRunIdAsync(run);
        await run.WaitForLineAsync(l => l.Contains("p2: done in", StringComparison.Ordinal), Deadline, "p2 never finished");

        serve.Kill();

        (await run.WaitForExitCodeAsync(Deadline)).ShouldBe(0, run.Output);
        run.StandardOutput.ShouldContain($"the sidecar of orchestrator serve (process {serve.Id}) is gone; run {runId} goes on in this process");
        run.StandardOutput.ShouldContain($"run {runId}: completed");
        var journal = machine.JournalOf(runId);
        journal.Count(l => l == "p1 start").ShouldBe(1, string.Join(", ", journal));
        journal.Count(l => l == "p2 start").ShouldBe(1, string.Join(", ", journal));
        journal.ShouldContain("p5 done");
    }
}
