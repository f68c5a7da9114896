using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Runs;

/// <summary><c>POST /api/workflows/{name}/plan</c> and <c>POST /api/plugins/{name}/plan</c>: a start's checks and what the run would do, nothing scheduled.</summary>
[Collection(ServerCollection.Name)]
public sealed class PlanTests(ServerFixture server)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlanWorkflow_WithApproval_ThePhasesInOrderAndTheMergedInput()
    {
        using var response = await server.Client.PostAsync("/api/workflows/echo-flow/plan", ServerFixture.Json("""{"input": {"name": "ada"}}"""), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        plan.GetProperty("target").GetString().ShouldBe("echo-flow");
        plan.GetProperty("workflow").GetString().ShouldBe("echo-flow");
        plan.GetProperty("input").GetProperty("greeting").GetString().ShouldBe("hello");
        plan.GetProperty("input").GetProperty("name").GetString().ShouldBe("ada");
        plan.GetProperty("unbounded").EnumerateArray().Select(u => u.GetString()).ShouldBe(["1/echo.say"]);
        var step = plan.GetProperty("steps").EnumerateArray().ShouldHaveSingleItem();
        step.GetProperty("plugin").GetString().ShouldBe("echo");
        step.GetProperty("version").GetString().ShouldBe("1.0.0");
    }

    [Fact]
    public async Task PlanPlugin_ApprovalGate_MarkedAndNothingScheduled()
    {
        using var before = await server.Client.GetAsync("/api/runs?plugin=gate&page_size=500", _ct);
        var count = (await before.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("runs").GetArrayLength();

        using var response = await server.Client.PostAsync("/api/plugins/gate/plan", null, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        var groups = plan.GetProperty("steps")[0].GetProperty("groups").EnumerateArray().ToList();
        groups.Select(g => g.GetProperty("phases")[0].GetProperty("name").GetString()).ShouldBe(["review", "finish"]);
        groups[0].GetProperty("phases")[0].GetProperty("approval").GetBoolean().ShouldBeTrue();
        plan.GetProperty("auto_approve").GetBoolean().ShouldBeFalse();
        using var after = await server.Client.GetAsync("/api/runs?plugin=gate&page_size=500", _ct);
        (await after.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("runs").GetArrayLength().ShouldBe(count);
    }

    [Fact]
    public async Task PlanPlugin_InvalidConfig_BadRequestListingEveryProblemAsAStart()
    {
        using var plan = await server.Client.PostAsync("/api/plugins/strict/plan", ServerFixture.Json("""{"config": {"count": 0}}"""), _ct);
        using var start = await server.Client.PostAsync("/api/plugins/strict/runs", ServerFixture.Json("""{"config": {"count": 0}}"""), _ct);

        var planned = (await ProblemAssert.IsProblemAsync(plan, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        var started = (await ProblemAssert.IsProblemAsync(start, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        planned.Count.ShouldBeGreaterThanOrEqualTo(2);
        planned.ShouldBe(started);
    }

    [Fact]
    public async Task PlanWorkflow_InputMissingWhatItsSchemaRequires_BadRequestNamingTheField()
    {
        using var response = await server.Client.PostAsync("/api/workflows/harbour-flow/plan", null, _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateArray().Single().GetString()!.ShouldContain("harbour");
    }

    [Theory]
    [InlineData("/api/workflows/no-such-flow/plan")]
    [InlineData("/api/plugins/no-such-plugin/plan")]
    public async Task Plan_UnknownTarget_NotFound(string route)
    {
        using var response = await server.Client.PostAsync(route, null, _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"input\": ")]
    [InlineData("not json")]
    [InlineData("{\"run_id\": \"x\"}")]
    [InlineData("{\"config\": [1, 2]}")]
    [InlineData("{\"auto_approve\": \"yes\"}")]
    public async Task Plan_MalformedBody_BadRequest(string body)
    {
        using var response = await server.Client.PostAsync("/api/plugins/echo/plan", ServerFixture.Json(body), _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
