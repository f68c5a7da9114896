using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Schedules;

/// <summary>The schedule tests' view of a server: its workflow files, its schedules and the runs they start.</summary>
internal sealed class ScheduleApi(ServerFixture server)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void WriteWorkflow(string name, string body) => server.Root.Write($"workflows/{name}.yaml", $"name: {name}\n{body}\n");

    public void DeleteWorkflow(string name) => File.Delete(server.Root.Combine("workflows", $"{name}.yaml"));

    /// <summary>The schedule of <paramref name="workflow"/> as <c>GET /api/schedules</c> lists it, or null.</summary>
    public async Task<JsonElement?> ScheduleAsync(string workflow)
    {
        var list = await server.Client.GetFromJsonAsync<JsonElement>("/api/schedules", Ct);
        foreach (var schedule in list.GetProperty("schedules").EnumerateArray())
        {
            if (schedule.GetProperty("workflow").GetString() == workflow)
            {
                return schedule;
            }
        }

        return null;
    }

    public async Task<JsonElement> WaitForScheduleAsync(string workflow, Func<JsonElement, bool> condition, string what)
    {
        JsonElement? last = null;
        await Eventually.TrueAsync(
            async () => (last = await ScheduleAsync(workflow)) is { } s && condition(s),
            Deadline,
            () => $"the schedule of {workflow} never got {what}; last seen: {last?.ToString() ?? "not listed"}; server log:{Environment.NewLine}{server.Logs.Tail()}");
        return last!.Value;
    }

    public async Task WaitUntilNotListedAsync(string workflow) =>
        await Eventually.TrueAsync(
            async () => await ScheduleAsync(workflow) is null, Deadline,
            () => $"the schedule of {workflow} is still listed; server log:{Environment.NewLine}{server.Logs.Tail()}");

    /// <summary>The ids of the runs of <paramref name="workflow"/>, oldest first.</summary>
    public async Task<IReadOnlyList<string>> RunIdsAsync(string workflow)
    {
        var page = await server.Client.GetFromJsonAsync<JsonElement>($"/api/runs?workflow={workflow}&page_size=500", Ct);
        return [.. page.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()!).Reverse()];
    }

    public async Task<IReadOnlyList<string>> WaitForRunsAsync(string workflow, int count)
    {
        IReadOnlyList<string> runs = [];
        await Eventually.TrueAsync(
            async () => (runs = await RunIdsAsync(workflow)).Count >= count,
            Deadline,
            () => $"{workflow} has {runs.Count} of {count} runs ({string.Join(", ", runs)}); server log:{Environment.NewLine}{server.Logs.Tail()}");
        return runs;
    }

    public Task<HttpResponseMessage> PostAsync(string workflow, string action) =>
        server.Client.PostAsync($"/api/schedules/{workflow}/{action}", null, Ct);

    /// <summary>The fire time a scheduled run's id names (<c>workflow:2026-12-01T14:00:00Z</c>).</summary>
    public static DateTimeOffset FireOf(string workflow, string runId)
    {
        runId.ShouldStartWith(workflow + ":");
        return DateTimeOffset.ParseExact(runId[(workflow.Length + 1)..], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public static DateTimeOffset? TimeOf(JsonElement schedule, string property) =>
        schedule.GetProperty(property).ValueKind == JsonValueKind.Null ? null : schedule.GetProperty(property).GetDateTimeOffset();
}
