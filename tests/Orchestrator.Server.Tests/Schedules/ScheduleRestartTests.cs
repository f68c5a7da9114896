using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.Server.Tests.Schedules;

/// <summary>
/// A real <c>orchestrator serve</c> on sqlite is stopped while a fire of its schedules comes and started again
/// (docs/schedules.md#missed-fires-and-catchup): the schedules are still there, <c>catchup: latest</c> starts the run of
/// the missed fire, <c>catchup: none</c> skips it and waits for the next. The CLI finds the schedules through the
/// database's owner.
/// </summary>
public sealed partial class ScheduleRestartTests : IDisposable
{
    private readonly TempDirectory _root = new("orch-schedule-restart-");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Serve_StoppedOverAFire_SchedulesKeptAndCatchupApplied()
    {
        ScriptPlugin.Write(_root.Combine("plugins"), "tick", "  - name: tick\n    order: 1\n", "\"tick\"", """    echo '{"output":"tick"}'""");
        Directory.CreateDirectory(_root.Combine("workflows"));
        DateTimeOffset fire;
        await using (var first = StartServe())
        {
            using var client = await ClientAsync(first);

            // One fire a year, far enough ahead to stop serve before it comes.
            fire = DateTimeOffset.UtcNow.AddSeconds(20);
            fire = new DateTimeOffset(fire.Year, fire.Month, fire.Day, fire.Hour, fire.Minute, fire.Second, TimeSpan.Zero);
            var cron = string.Create(CultureInfo.InvariantCulture, $"{fire.Second} {fire.Minute} {fire.Hour} {fire.Day} {fire.Month} *");
            _root.Write("workflows/latest-flow.yaml", $"name: latest-flow\nplugin: tick\nschedule:\n  cron: \"{cron}\"\n  catchup: latest\n");
            _root.Write("workflows/none-flow.yaml", $"name: none-flow\nplugin: tick\nschedule:\n  cron: \"{cron}\"\n  catchup: none\n");
            await WaitForSchedulesAsync(client, s => s.Count == 2 && s.Values.All(x => NextFire(x) == fire && x.GetProperty("active").GetBoolean()), "both schedules taken up and waiting for the fire", first);
            DateTimeOffset.UtcNow.ShouldBeLessThan(fire, "serve must stop before the fire; the machine was too slow to set the test up");
            await first.TerminateAsync();
            (await first.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue($"serve did not stop on SIGTERM:{System.Environment.NewLine}{first.Output}");
        }

        // Missed: the fire comes while nothing runs, and serve comes back later than Engine:ScheduleMissedAfter (2 s).
        while (DateTimeOffset.UtcNow < fire.AddSeconds(4))
        {
            await Task.Delay(200, _ct);
        }

        await using var second = StartServe();
        using var after = await ClientAsync(second);
        var latestRun = $"latest-flow:{fire:yyyy-MM-dd'T'HH:mm:ss'Z'}";
        await Eventually.TrueAsync(
            async () => await RunStatusAsync(after, latestRun) == "completed", TimeSpan.FromSeconds(90),
            () => $"the missed fire's run {latestRun} did not complete after the restart; serve:{System.Environment.NewLine}{second.Output}");
        var schedules = await WaitForSchedulesAsync(
            after, s => s.Count == 2 && s.Values.All(x => NextFire(x) == fire.AddYears(1)), "both schedules waiting for next year's fire", second);

        schedules["latest-flow"].GetProperty("last_run_id").GetString().ShouldBe(latestRun);
        schedules["latest-flow"].GetProperty("skipped_fires").GetInt64().ShouldBe(0);
        schedules["none-flow"].GetProperty("last_run_id").ValueKind.ShouldBe(JsonValueKind.Null, "catchup: none starts no run for a missed fire");
        schedules["none-flow"].GetProperty("skipped_fires").GetInt64().ShouldBe(1);
        (await RunStatusAsync(after, $"none-flow:{fire:yyyy-MM-dd'T'HH:mm:ss'Z'}")).ShouldBeNull();

        var list = await CliAsync("schedules", "list", "--json");
        list.ExitCode.ShouldBe(0, list.Output);
        var listed = JsonSerializer.Deserialize<JsonElement>(list.StandardOutput).GetProperty("schedules").EnumerateArray().Select(s => s.GetProperty("workflow").GetString());
        listed.ShouldBe(["latest-flow", "none-flow"]);
        var text = await CliAsync("schedules", "list");
        text.StandardOutput.ShouldContain($"{latestRun} (completed)");
    }

    private static DateTimeOffset? NextFire(JsonElement schedule) =>
        schedule.GetProperty("next_fire").ValueKind == JsonValueKind.Null ? null : schedule.GetProperty("next_fire").GetDateTimeOffset();

    private async Task<Dictionary<string, JsonElement>> WaitForSchedulesAsync(
        HttpClient client, Func<Dictionary<string, JsonElement>, bool> condition, string what, ChildProcess serve)
    {
        var schedules = new Dictionary<string, JsonElement>();
        await Eventually.TrueAsync(
            async () =>
            {
                var list = await client.GetFromJsonAsync<JsonElement>("/api/schedules", _ct);
                schedules = list.GetProperty("schedules").EnumerateArray().ToDictionary(s => s.GetProperty("workflow").GetString()!);
                return condition(schedules);
            },
            TimeSpan.FromSeconds(90),
            () => $"never {what}; schedules: {string.Join(", ", schedules.Values)}; serve:{System.Environment.NewLine}{serve.Output}");
        return schedules;
    }

    private async Task<string?> RunStatusAsync(HttpClient client, string runId)
    {
        using var response = await client.GetAsync($"/api/runs/{runId}", _ct);
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("status").GetString();
    }

    private static async Task<HttpClient> ClientAsync(ChildProcess serve)
    {
        var line = await serve.WaitForLineAsync(l => l.StartsWith("Orchestrator API listening on ", StringComparison.Ordinal), TimeSpan.FromSeconds(90), "listening line");
        return new HttpClient { BaseAddress = new Uri(ListeningUrl().Match(line).Value), Timeout = TimeSpan.FromSeconds(60) };
    }

    private Dictionary<string, string> ServeEnvironment() => new()
    {
        ["XDG_DATA_HOME"] = _root.Combine("xdg-data"),
        ["XDG_CONFIG_HOME"] = _root.Combine("xdg-config"),
        ["ORCHESTRATOR_SIDECAR__DATABASEPATH"] = _root.Combine("state", "orchestrator.db"),
        ["ORCHESTRATOR_ENGINE__SCHEDULEMISSEDAFTER"] = "00:00:02",
    };

    private ChildProcess StartServe() => ChildProcess.StartDotnet(
        RepoPaths.CliDll,
        ["serve", "--urls", "http://127.0.0.1:0", "--data-dir", _root.Combine("data"), "--plugins", _root.Combine("plugins")],
        ServeEnvironment(),
        _root.Path);

    private Task<ProcessResult> CliAsync(params string[] arguments) => ChildProcess.RunAsync(
        "dotnet", [RepoPaths.CliDll, .. arguments, "--plugins", _root.Combine("plugins")], TimeSpan.FromSeconds(90), ServeEnvironment(), _root.Path);

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningUrl();
}
