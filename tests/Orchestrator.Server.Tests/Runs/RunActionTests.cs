using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Runs;

[Collection(ServerCollection.Name)]
public sealed class RunActionTests(ServerFixture server)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Approve_WaitingRun_RunCompletes()
    {
        var id = await StartGateAsync();

        using var response = await server.Client.PostAsync($"/api/runs/{id}/approve", ServerFixture.Json("""{"payload": {"note": "ok"}}"""), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var done = await server.WaitForEndAsync(id);
        done.GetProperty("status").GetString().ShouldBe("completed");
        done.GetProperty("output").GetProperty("shared_data").GetProperty("phase_outputs").GetProperty("finish").GetProperty("approved").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Reject_WaitingRun_RunFailsWithReason()
    {
        var id = await StartGateAsync();

        using var response = await server.Client.PostAsync($"/api/runs/{id}/reject", ServerFixture.Json("""{"reason": "outline too thin"}"""), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var done = await server.WaitForEndAsync(id);
        done.GetProperty("status").GetString().ShouldBe("failed");
        done.GetProperty("failure").GetString()!.ShouldContain("outline too thin");
        done.GetProperty("failure_type").GetString().ShouldBe("Orchestrator.Engine.Orchestrations.RunFailedException");
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"reason": " "}""")]
    [InlineData("""{"why": "x"}""")]
    public async Task Reject_NoReason_BadRequest(string body)
    {
        var id = await StartGateAsync();

        using var response = await server.Client.PostAsync($"/api/runs/{id}/reject", ServerFixture.Json(body), _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        await TerminateAsync(id);
    }

    [Fact]
    public async Task RaiseEvent_RunningRun_Accepted()
    {
        var id = await StartGateAsync();

        using var response = await server.Client.PostAsync($"/api/runs/{id}/events/nudge", ServerFixture.Json("""{"any": ["json"]}"""), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("run_id").GetString().ShouldBe(id);
        await TerminateAsync(id);
    }

    [Fact]
    public async Task RaiseEvent_MalformedPayload_BadRequest()
    {
        var id = await StartGateAsync();

        using var response = await server.Client.PostAsync($"/api/runs/{id}/events/nudge", ServerFixture.Json("{oops"), _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        await TerminateAsync(id);
    }

    [Fact]
    public async Task Terminate_RunningRun_RunTerminated()
    {
        var id = await StartGateAsync();

        using var response = await server.Client.PostAsync($"/api/runs/{id}/terminate", ServerFixture.Json("""{"reason": "no longer needed"}"""), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await server.WaitForEndAsync(id)).GetProperty("status").GetString().ShouldBe("terminated");
    }

    [Fact]
    public async Task SuspendThenResume_RunningRun_StatusFollows()
    {
        var id = await StartGateAsync();

        using (var suspend = await server.Client.PostAsync($"/api/runs/{id}/suspend", null, _ct))
        {
            suspend.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await server.WaitForRunAsync(id, r => r.GetProperty("status").GetString() == "suspended", "suspended");
        using (var resume = await server.Client.PostAsync($"/api/runs/{id}/resume", ServerFixture.Json("""{"reason": "back"}"""), _ct))
        {
            resume.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await server.WaitForRunAsync(id, r => r.GetProperty("status").GetString() == "running", "running again");
        await TerminateAsync(id);
    }

    [Fact]
    public async Task Purge_RunningRun_Conflict()
    {
        var id = await StartGateAsync();

        using var response = await server.Client.DeleteAsync($"/api/runs/{id}", _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("running");
        await TerminateAsync(id);
    }

    [Fact]
    public async Task Purge_FinishedRun_NoContentThenGone()
    {
        var id = await StartGateAsync();
        await TerminateAsync(id);

        using var response = await server.Client.DeleteAsync($"/api/runs/{id}", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var get = await server.Client.GetAsync($"/api/runs/{id}", _ct);
        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Approve_FinishedRun_Conflict()
    {
        var id = await StartGateAsync();
        await TerminateAsync(id);

        using var response = await server.Client.PostAsync($"/api/runs/{id}/approve", null, _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("GET", "/api/runs/{0}")]
    [InlineData("GET", "/api/runs/{0}/events")]
    [InlineData("POST", "/api/runs/{0}/approve")]
    [InlineData("POST", "/api/runs/{0}/terminate")]
    [InlineData("POST", "/api/runs/{0}/suspend")]
    [InlineData("POST", "/api/runs/{0}/resume")]
    [InlineData("POST", "/api/runs/{0}/retry")]
    [InlineData("POST", "/api/runs/{0}/events/x")]
    [InlineData("DELETE", "/api/runs/{0}")]
    public async Task RunRoute_UnknownRun_NotFound(string method, string route)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, route, "missing-" + Guid.NewGuid().ToString("N")));

        using var response = await server.Client.SendAsync(request, _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    private async Task<string> StartGateAsync()
    {
        using var response = await server.Client.PostAsync("/api/workflows/gate-flow/runs", null, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("run_id").GetString()!;
        await server.WaitForRunAsync(
            id,
            r => r.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p && p.GetProperty("waiting_for_approval").GetString() == "review",
            "waiting for approval: review");
        return id;
    }

    private async Task TerminateAsync(string id)
    {
        using var response = await server.Client.PostAsync($"/api/runs/{id}/terminate", null, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await server.WaitForEndAsync(id);
    }
}
