using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Orchestrator.IntegrationTests.Durability;

/// <summary>`orchestrator serve` on its default database, killed with kill -9 while runs are going, then started again.</summary>
public sealed class ServeRestartTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);
    private readonly UserMachine _machine = new(phases: 3, phaseSeconds: 1);

    public void Dispose() => _machine.Dispose();

    [Fact]
    public async Task Serve_KilledMidRunsAndRestarted_ListsAndFinishesEveryRunWithoutRepeatingACompletedPhase()
    {
        string[] runIds = ["restart-1", "restart-2", "restart-3", "restart-4"];
        var committed = new Dictionary<string, IReadOnlyList<string>>();
        await using (var first = _machine.Start("serve", "--urls", "http://127.0.0.1:0"))
        {
            using var http = new HttpClient { BaseAddress = await UserMachine.ServeAddressAsync(first) };
            foreach (var id in runIds)
            {
                using var body = new StringContent("""{"plugin": "journal"}""", Encoding.UTF8, "application/json");
                using var started = await http.PutAsync($"/api/runs/{id}", body, TestContext.Current.CancellationToken);
                ((int)started.StatusCode).ShouldBe(201, await started.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }

            // A phase counts as completed once the run's record says so (its result is committed); one that was
            // running at the kill runs again, as Durable Task activities run at least once.
            await Eventually.TrueAsync(
                async () =>
                {
                    foreach (var id in runIds)
                    {
                        committed[id] = await CompletedPhasesAsync(http, id);
                    }

                    return committed.Values.Sum(c => c.Count) >= 2;
                },
                Deadline,
                () => $"no phase finished; serve:{Environment.NewLine}{first.Output}");
            first.Kill();
            (await first.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue("the killed serve did not exit");
        }

        committed.Values.Count(c => c.Count == 3).ShouldBeLessThan(runIds.Length, "the kill came while runs were still going");
        await using var second = _machine.Start("serve", "--urls", "http://127.0.0.1:0");
        using var api = new HttpClient { BaseAddress = await UserMachine.ServeAddressAsync(second) };

        var listed = await api.GetFromJsonAsync<JsonElement>("/api/runs", TestContext.Current.CancellationToken);
        listed.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()).Order(StringComparer.Ordinal).ShouldBe(runIds);
        await Eventually.TrueAsync(
            async () => (await api.GetFromJsonAsync<JsonElement>("/api/runs?status=completed", TestContext.Current.CancellationToken)).GetProperty("runs").GetArrayLength() == runIds.Length,
            Deadline,
            () => $"not every run completed after the restart; serve:{Environment.NewLine}{second.Output}");
        foreach (var id in runIds)
        {
            var journal = _machine.JournalOf(id);
            foreach (var phase in committed[id])
            {
                journal.Count(l => l == $"{phase} start").ShouldBe(1, $"{id}: {phase} completed before the kill and never starts again: {string.Join(", ", journal)}");
                journal.Count(l => l == $"{phase} done").ShouldBe(1, $"{id}: {string.Join(", ", journal)}");
            }

            journal.ShouldContain("p3 done", $"{id}: {string.Join(", ", journal)}");
        }
    }

    private static async Task<IReadOnlyList<string>> CompletedPhasesAsync(HttpClient http, string runId)
    {
        var run = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", TestContext.Current.CancellationToken);
        return run.GetProperty("progress") is { ValueKind: JsonValueKind.Object } progress
            ? [.. progress.GetProperty("completed").EnumerateArray().Select(p => p.GetProperty("phase").GetString()!)]
            : [];
    }
}
