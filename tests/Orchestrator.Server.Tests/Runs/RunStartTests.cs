using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Runs;

[Collection(ServerCollection.Name)]
public sealed class RunStartTests(ServerFixture server)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartWorkflow_ValidRequest_CreatesRunThatCompletesWithMergedInput()
    {
        using var response = await server.Client.PostAsync("/api/workflows/echo-flow/runs", ServerFixture.Json("""{"input": {"name": "ada"}}"""), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        var id = run.GetProperty("run_id").GetString()!;
        response.Headers.Location!.ToString().ShouldBe($"/api/runs/{id}");
        var done = await server.WaitForEndAsync(id);
        done.GetProperty("status").GetString().ShouldBe("completed");
        var echo = done.GetProperty("output").GetProperty("shared_data").GetProperty("phase_outputs").GetProperty("say").GetProperty("echo");
        echo.GetProperty("name").GetString().ShouldBe("ada");
        echo.GetProperty("greeting").GetString().ShouldBe("hello");
        var completed = done.GetProperty("progress").GetProperty("completed")[0];
        completed.GetProperty("phase").GetString().ShouldBe("say");
        completed.GetProperty("attempts").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task StartPlugin_NoBody_CreatesRun()
    {
        using var response = await server.Client.PostAsync("/api/plugins/echo/runs", null, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("run_id").GetString()!;
        (await server.WaitForEndAsync(id)).GetProperty("status").GetString().ShouldBe("completed");
    }

    [Fact]
    public async Task GetRun_PluginRun_NamesThePinnedPluginVersionAndContentHash()
    {
        using var response = await server.Client.PostAsync("/api/plugins/echo/runs", null, _ct);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("run_id").GetString()!;
        var plugin = (await server.Client.GetFromJsonAsync<JsonElement>("/api/plugins/echo", _ct));

        var pinned = (await server.WaitForEndAsync(id)).GetProperty("plugin");

        pinned.GetProperty("name").GetString().ShouldBe("echo");
        pinned.GetProperty("version").GetString().ShouldBe(plugin.GetProperty("version").GetString());
        pinned.GetProperty("content_hash").GetString().ShouldBe(plugin.GetProperty("content_hash").GetString());
    }

    [Fact]
    public async Task PutRun_SameRequestTwice_ReturnsExistingRun()
    {
        var id = "put-" + Guid.NewGuid().ToString("N");
        const string body = """{"plugin": "echo", "input": {"n": 1}, "config": {"tone": "dry"}}""";

        using var first = await server.Client.PutAsync($"/api/runs/{id}", ServerFixture.Json(body), _ct);
        using var second = await server.Client.PutAsync($"/api/runs/{id}", ServerFixture.Json(body), _ct);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await second.Content.ReadFromJsonAsync<JsonElement>(_ct);
        again.GetProperty("run_id").GetString().ShouldBe(id);
        again.GetProperty("created_at").GetDateTimeOffset().ShouldBe(
            (await first.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("created_at").GetDateTimeOffset(), TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public async Task PutRun_ConcurrentSameRequests_OneRunCreatedOthersGetIt()
    {
        var id = "race-" + Guid.NewGuid().ToString("N");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            server.Client.PutAsync($"/api/runs/{id}", ServerFixture.Json("""{"workflow": "gate-flow"}"""), _ct)));

        try
        {
            var statuses = responses.Select(r => r.StatusCode).ToList();
            statuses.ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK, string.Join(", ", statuses));
            statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(1);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }

            using var terminate = await server.Client.PostAsync($"/api/runs/{id}/terminate", null, _ct);
        }
    }

    [Theory]
    [InlineData("""{"plugin": "echo", "input": {"n": 2}}""")]
    [InlineData("""{"plugin": "echo", "input": {"n": 1}, "config": {"tone": "warm"}}""")]
    [InlineData("""{"plugin": "burst", "input": {"n": 1}}""")]
    [InlineData("""{"plugin": "echo", "input": {"n": 1}, "auto_approve": true}""")]
    public async Task PutRun_DifferentRequestForExistingId_Conflict(string different)
    {
        var id = "conflict-" + Guid.NewGuid().ToString("N");
        using var first = await server.Client.PutAsync($"/api/runs/{id}", ServerFixture.Json("""{"plugin": "echo", "input": {"n": 1}}"""), _ct);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var second = await server.Client.PutAsync($"/api/runs/{id}", ServerFixture.Json(different), _ct);

        var problem = await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain(id);
    }

    [Fact]
    public async Task StartWorkflow_UnknownWorkflow_NotFound()
    {
        using var response = await server.Client.PostAsync("/api/workflows/no-such-flow/runs", ServerFixture.Json("{}"), _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString()!.ShouldContain("no-such-flow");
    }

    [Fact]
    public async Task StartPlugin_UnknownPlugin_NotFound()
    {
        using var response = await server.Client.PostAsync("/api/plugins/no-such-plugin/runs", ServerFixture.Json("{}"), _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StartPlugin_InvalidConfig_BadRequestListingEveryProblem()
    {
        using var response = await server.Client.PostAsync(
            "/api/plugins/strict/runs", ServerFixture.Json("""{"config": {"count": 0}}"""), _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        errors.Count.ShouldBeGreaterThanOrEqualTo(2, string.Join(" | ", errors));
        errors.ShouldContain(e => e.Contains("mode"));
        errors.ShouldContain(e => e.Contains("count"));
    }

    [Fact]
    public async Task StartWorkflow_InputMissingWhatItsSchemaRequires_BadRequestNamingTheField()
    {
        using var missing = await server.Client.PostAsync("/api/workflows/harbour-flow/runs", null, _ct);
        using var given = await server.Client.PostAsync("/api/workflows/harbour-flow/runs", ServerFixture.Json("""{"input": {"harbour": "Brest"}}"""), _ct);

        var problem = await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest);
        var error = problem.GetProperty("errors").EnumerateArray().Single().GetString()!;
        error.ShouldContain("input_schema of workflow 'harbour-flow'");
        error.ShouldContain("harbour");
        given.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task StartPlugin_ValidConfig_Created()
    {
        using var response = await server.Client.PostAsync(
            "/api/plugins/strict/runs", ServerFixture.Json("""{"config": {"count": 2, "mode": "fast"}}"""), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("{\"input\": ")]
    [InlineData("{\"input\": {\"a\": 1,}}")]
    [InlineData("not json")]
    [InlineData("{\"inputs\": {}}")]
    [InlineData("{\"config\": [1, 2]}")]
    [InlineData("null")]
    public async Task StartWorkflow_MalformedBody_BadRequest(string body)
    {
        using var response = await server.Client.PostAsync("/api/workflows/echo-flow/runs", ServerFixture.Json(body), _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString()!.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("""{"workflow": "echo-flow", "plugin": "echo"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"workflow": "nope"}""", HttpStatusCode.NotFound)]
    [InlineData("""{"plugin": "nope"}""", HttpStatusCode.NotFound)]
    public async Task PutRun_BadTarget_Problem(string body, HttpStatusCode expected)
    {
        using var response = await server.Client.PutAsync($"/api/runs/bad-{Guid.NewGuid():N}", ServerFixture.Json(body), _ct);

        await ProblemAssert.IsProblemAsync(response, expected);
    }

    [Fact]
    public async Task PutRun_NoBody_BadRequest()
    {
        using var response = await server.Client.PutAsync($"/api/runs/empty-{Guid.NewGuid():N}", null, _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task StartPlugin_InvalidRunId_BadRequest()
    {
        using var response = await server.Client.PostAsync("/api/plugins/echo/runs", ServerFixture.Json("""{"run_id": "has space/slash"}"""), _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors")[0].GetString()!.ShouldContain("run id");
    }
}
