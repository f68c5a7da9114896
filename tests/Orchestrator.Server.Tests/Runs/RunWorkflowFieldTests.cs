using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Runs;

/// <summary>A run names the workflow it was started from (the dashboard's "target"), in the run and in the list.</summary>
[Collection(ServerCollection.Name)]
public sealed class RunWorkflowFieldTests(ServerFixture server)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Workflow_RunOfAWorkflow_NamesIt()
    {
        var id = await StartAsync("/api/workflows/echo-flow/runs");

        var done = await server.WaitForEndAsync(id);
        done.GetProperty("workflow").GetString().ShouldBe("echo-flow");
        var listed = await server.Client.GetFromJsonAsync<JsonElement>("/api/runs?workflow=echo-flow&page_size=500", _ct);
        listed.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("run_id").GetString() == id).GetProperty("workflow").GetString().ShouldBe("echo-flow");
    }

    [Fact]
    public async Task Workflow_RunOfAPlugin_IsNull()
    {
        var id = await StartAsync("/api/plugins/echo/runs");

        var done = await server.WaitForEndAsync(id);
        done.GetProperty("workflow").ValueKind.ShouldBe(JsonValueKind.Null);
        done.GetProperty("plugin").GetProperty("name").GetString().ShouldBe("echo");
    }

    private async Task<string> StartAsync(string route)
    {
        using var response = await server.Client.PostAsync(route, ServerFixture.Json("{}"), _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("run_id").GetString()!;
    }
}
