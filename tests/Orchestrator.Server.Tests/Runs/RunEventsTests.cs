using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Runs;

[Collection(ServerCollection.Name)]
public sealed class RunEventsTests(ServerFixture server)
{
    [Fact]
    public async Task Events_RunThroughApproval_ProgressThenEndAndStreamCloses()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        using var start = await server.Client.PostAsync("/api/workflows/gate-flow/runs", null, deadline.Token);
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>(deadline.Token)).GetProperty("run_id").GetString()!;

        using var response = await server.Client.GetAsync($"/api/runs/{id}/events", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
        using var reader = new StreamReader(stream);
        var events = new List<(string Name, JsonElement Run)>();
        var approved = false;
        string? name = null;
        while (await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var run = JsonSerializer.Deserialize<JsonElement>(line["data: ".Length..]);
                events.Add((name!, run));
                if (!approved && run.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p && p.GetProperty("waiting_for_approval").ValueKind == JsonValueKind.String)
                {
                    approved = true;
                    using var approve = await server.Client.PostAsync($"/api/runs/{id}/approve", null, deadline.Token);
                    approve.StatusCode.ShouldBe(HttpStatusCode.Accepted);
                }
            }
        }

        approved.ShouldBeTrue();
        events.Count.ShouldBeGreaterThanOrEqualTo(2);
        events[..^1].ShouldAllBe(e => e.Name == "progress");
        events[^1].Name.ShouldBe("end");
        events[^1].Run.GetProperty("status").GetString().ShouldBe("completed");
        events.Where(e => e.Run.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p
            && p.GetProperty("completed").EnumerateArray().Any(c => c.GetProperty("phase").GetString() == "review")).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Events_FinishedRun_SingleEndEvent()
    {
        var ct = TestContext.Current.CancellationToken;
        using var start = await server.Client.PostAsync("/api/plugins/burst/runs", null, ct);
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("run_id").GetString()!;
        await server.WaitForEndAsync(id);

        var text = await server.Client.GetStringAsync($"/api/runs/{id}/events", ct);

        text.ShouldStartWith("event: end");
        text.Split("event: ").Length.ShouldBe(2);
    }
}
