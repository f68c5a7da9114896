using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Runs;

[Collection(ServerCollection.Name)]
public sealed class RunListTests(ServerFixture server)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_PagedByContinuationToken_EveryRunOnceNewestFirst()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var started = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            started.Add(await StartAsync("burst"));
        }

        var seen = new List<JsonElement>();
        string? token = null;
        var pages = 0;
        do
        {
            var url = $"/api/runs?plugin=burst&page_size=3&created_from={Uri.EscapeDataString(since.ToString("O"))}"
                + (token is null ? string.Empty : $"&continuation_token={Uri.EscapeDataString(token)}");
            var page = await server.Client.GetFromJsonAsync<JsonElement>(url, _ct);
            seen.AddRange(page.GetProperty("runs").EnumerateArray());
            token = page.GetProperty("continuation_token").GetString();
            pages++;
        }
        while (token is not null && pages < 20);

        var ids = seen.Select(r => r.GetProperty("run_id").GetString()!).ToList();
        ids.ShouldBeUnique();
        ids.ShouldBeSubsetOf(ids);
        started.ShouldBeSubsetOf(ids);
        var created = seen.Select(r => r.GetProperty("created_at").GetDateTimeOffset()).ToList();
        created.ShouldBe(created.OrderByDescending(c => c));
        pages.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task List_FilterByWorkflowAndStatus_OnlyMatchingRuns()
    {
        var echo = await StartAsync("echo", "echo-flow");
        await server.WaitForEndAsync(echo);

        var completed = await server.Client.GetFromJsonAsync<JsonElement>("/api/runs?workflow=echo-flow&status=completed&page_size=500", _ct);
        var running = await server.Client.GetFromJsonAsync<JsonElement>("/api/runs?workflow=echo-flow&status=running,pending,suspended", _ct);
        var other = await server.Client.GetFromJsonAsync<JsonElement>("/api/runs?workflow=gate-flow&page_size=500", _ct);

        completed.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()).ShouldContain(echo);
        completed.GetProperty("runs").EnumerateArray().ShouldAllBe(r => r.GetProperty("status").GetString() == "completed");
        running.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()).ShouldNotContain(echo);
        other.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()).ShouldNotContain(echo);
    }

    [Fact]
    public async Task List_CreatedWindowInTheFuture_Empty()
    {
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"));

        var page = await server.Client.GetFromJsonAsync<JsonElement>($"/api/runs?created_from={from}", _ct);

        page.GetProperty("runs").GetArrayLength().ShouldBe(0);
        page.GetProperty("continuation_token").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task List_BadParameters_BadRequestListingEach()
    {
        using var response = await server.Client.GetAsync(
            "/api/runs?status=sleeping&created_from=yesterday&page_size=0&continuation_token=%%%&colour=red", _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        errors.Count.ShouldBe(5, string.Join(" | ", errors));
        errors.ShouldContain(e => e.Contains("sleeping"));
        errors.ShouldContain(e => e.Contains("created_from"));
        errors.ShouldContain(e => e.Contains("page_size"));
        errors.ShouldContain(e => e.Contains("continuation_token"));
        errors.ShouldContain(e => e.Contains("colour"));
    }

    [Fact]
    public async Task List_ForgedToken_BadRequest()
    {
        using var response = await server.Client.GetAsync("/api/runs?continuation_token=bm90LWEtdG9rZW4", _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private async Task<string> StartAsync(string plugin, string? workflow = null)
    {
        var route = workflow is null ? $"/api/plugins/{plugin}/runs" : $"/api/workflows/{workflow}/runs";
        using var response = await server.Client.PostAsync(route, null, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("run_id").GetString()!;
    }
}
