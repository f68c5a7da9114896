using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Catalog;

/// <summary><c>GET /api/workflows/{name}</c>: what the dashboard's start form is made from.</summary>
[Collection(ServerCollection.Name)]
public sealed class WorkflowDetailEndpointTests(ServerFixture server)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_KnownWorkflow_InputStepsAndNoServerPaths()
    {
        var workflow = await server.Client.GetFromJsonAsync<JsonElement>("/api/workflows/echo-flow", _ct);

        workflow.GetProperty("name").GetString().ShouldBe("echo-flow");
        workflow.GetProperty("input").GetProperty("greeting").GetString().ShouldBe("hello");
        workflow.GetProperty("input_schema").ValueKind.ShouldBe(JsonValueKind.Null);
        var step = workflow.GetProperty("steps").EnumerateArray().ShouldHaveSingleItem();
        step.GetProperty("plugin").GetString().ShouldBe("echo");
        step.GetProperty("status").GetString().ShouldBe("loaded");
        step.GetProperty("found_version").GetString().ShouldBe("1.0.0");
        workflow.GetProperty("path").ValueKind.ShouldBe(JsonValueKind.Null, "the API does not expose the server's paths");
        workflow.GetProperty("shadowed").GetArrayLength().ShouldBe(0);
        (await server.Client.GetStringAsync("/api/workflows/echo-flow", _ct)).ShouldNotContain(server.Root.Path);
    }

    [Fact]
    public async Task Get_WorkflowWithInputSchema_HasTheSchema()
    {
        var workflow = await server.Client.GetFromJsonAsync<JsonElement>("/api/workflows/harbour-flow", _ct);

        workflow.GetProperty("input_schema").GetProperty("required")[0].GetString().ShouldBe("harbour");
    }

    [Theory]
    [InlineData("no-such-workflow")]
    [InlineData("..%2F..%2Fetc")]
    [InlineData("%20")]
    public async Task Get_UnknownWorkflow_NotFoundProblem(string name)
    {
        using var response = await server.Client.GetAsync($"/api/workflows/{name}", _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString()!.ShouldContain("GET /api/workflows lists them");
    }

    [Fact]
    public async Task Get_NoKey_Unauthorized()
    {
        using var response = await server.Anonymous.GetAsync("/api/workflows/echo-flow", _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
