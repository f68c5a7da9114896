using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Runs;

/// <summary><c>POST /api/runs/{id}/retry</c> (docs/running-workflows.md#retry-a-failed-run).</summary>
[Collection(ServerCollection.Name)]
public sealed class RunRetryTests(ServerFixture server)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retry_TerminatedRun_CreatedRunTakesOverNothingBeforeTheGateAndBothRecordsNameEachOther()
    {
        var id = await TerminatedGateAsync();

        using var response = await server.Client.PostAsync($"/api/runs/{id}/retry", null, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        var retry = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        var retryId = retry.GetProperty("run_id").GetString()!;
        retryId.ShouldBe($"{id}-retry1");
        retry.GetProperty("retry_of").GetString().ShouldBe(id);
        response.Headers.Location!.ToString().ShouldBe($"/api/runs/{retryId}");
        await server.WaitForRunAsync(retryId, r => WaitingFor(r) == "review", "the retry waiting for approval: review");
        var original = await server.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", _ct);
        original.GetProperty("retried_by").EnumerateArray().Select(r => r.GetString()).ShouldBe([retryId]);

        using var approve = await server.Client.PostAsync($"/api/runs/{retryId}/approve", null, _ct);
        approve.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await server.WaitForEndAsync(retryId)).GetProperty("status").GetString().ShouldBe("completed");
    }

    [Fact]
    public async Task Retry_FromAfterTheStopOrNotAPhase_BadRequestNamingThePhases()
    {
        var id = await TerminatedGateAsync();

        using var later = await server.Client.PostAsync($"/api/runs/{id}/retry", ServerFixture.Json("""{"from": "finish"}"""), _ct);
        using var unknown = await server.Client.PostAsync($"/api/runs/{id}/retry", ServerFixture.Json("""{"from": "nope", "config": {"tone": "dry"}}"""), _ct);

        var laterProblem = await ProblemAssert.IsProblemAsync(later, HttpStatusCode.BadRequest);
        laterProblem.GetProperty("detail").GetString().ShouldBe($"cannot retry '{id}': 1 problem(s); see errors");
        laterProblem.GetProperty("errors")[0].GetString().ShouldBe(
            $"from: phase 'finish' comes after 'review', where run '{id}' stopped; a retry starts at a phase at or before it: review");
        var unknownProblem = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest);
        unknownProblem.GetProperty("errors")[0].GetString().ShouldBe("from: 'nope' is not a phase of plugin 'gate' 1.0.0; its phases are review, finish");
        (await server.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", _ct)).GetProperty("retried_by").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"form": "review"}""", "unknown field 'form'; the fields are from, config, plugin_version")]
    [InlineData("""{"from": 2}""", "field 'from' must be a string (or null), not a number")]
    [InlineData("""{"config": ["a"]}""", "field 'config' must be an object (or null), not an array")]
    [InlineData("""{"plugin_version": true}""", "field 'plugin_version' must be a string (or null), not a boolean")]
    [InlineData("[]", "the body must be a JSON object with the fields from, config, plugin_version, not an array")]
    public async Task Retry_BodyOfTheWrongShape_BadRequest(string body, string error)
    {
        var id = await TerminatedGateAsync();

        using var response = await server.Client.PostAsync($"/api/runs/{id}/retry", ServerFixture.Json(body), _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ShouldBe([error]);
    }

    [Fact]
    public async Task Retry_PluginVersionNotLoaded_BadRequestNamingTheLoadedOne()
    {
        var id = await TerminatedGateAsync();

        using var response = await server.Client.PostAsync($"/api/runs/{id}/retry", ServerFixture.Json("""{"plugin_version": "7.0.0"}"""), _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors")[0].GetString()!.ShouldStartWith("plugin_version: plugin 'gate' has no loaded version '7.0.0'; the loaded version is 1.0.0 (content ");
    }

    [Fact]
    public async Task Retry_RunningRun_ConflictSayingItsStatus()
    {
        var id = await WaitingGateAsync();

        using var response = await server.Client.PostAsync($"/api/runs/{id}/retry", null, _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().ShouldBe(
            $"cannot retry run '{id}': it is running; only failed or terminated runs can be retried (terminate it first to retry it)");
        using var terminate = await server.Client.PostAsync($"/api/runs/{id}/terminate", null, _ct);
        await server.WaitForEndAsync(id);
    }

    [Fact]
    public async Task Retry_CompletedRun_Conflict()
    {
        using var start = await server.Client.PostAsync("/api/plugins/echo/runs", null, _ct);
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("run_id").GetString()!;
        (await server.WaitForEndAsync(id)).GetProperty("status").GetString().ShouldBe("completed");

        using var response = await server.Client.PostAsync($"/api/runs/{id}/retry", ServerFixture.Json("{}"), _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().ShouldBe($"cannot retry run '{id}': it is completed; only failed or terminated runs can be retried");
    }

    [Fact]
    public async Task Retry_UnknownRun_NotFound()
    {
        using var response = await server.Client.PostAsync("/api/runs/missing-run-0/retry", null, _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString().ShouldBe("no run 'missing-run-0' exists (it may have been purged); 'orchestrator runs list' shows the runs");
    }

    private static string? WaitingFor(JsonElement run) =>
        run.GetProperty("progress") is { ValueKind: JsonValueKind.Object } progress ? progress.GetProperty("waiting_for_approval").GetString() : null;

    private async Task<string> WaitingGateAsync()
    {
        using var response = await server.Client.PostAsync("/api/plugins/gate/runs", null, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("run_id").GetString()!;
        await server.WaitForRunAsync(id, r => WaitingFor(r) == "review", "waiting for approval: review");
        return id;
    }

    private async Task<string> TerminatedGateAsync()
    {
        var id = await WaitingGateAsync();
        using var terminate = await server.Client.PostAsync($"/api/runs/{id}/terminate", ServerFixture.Json("""{"reason": "not today"}"""), _ct);
        terminate.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await server.WaitForEndAsync(id)).GetProperty("status").GetString().ShouldBe("terminated");
        return id;
    }
}
