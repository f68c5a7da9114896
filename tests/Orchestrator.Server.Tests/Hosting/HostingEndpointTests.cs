using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Hosting;

[Collection(ServerCollection.Name)]
public sealed class HostingEndpointTests(ServerFixture server)
{
    private static readonly string[] Routes =
    [
        "post /api/workflows/{name}/runs", "post /api/plugins/{name}/runs", "put /api/runs/{id}", "get /api/runs/{id}",
        "get /api/runs/{id}/events", "get /api/runs", "post /api/runs/{id}/approve", "post /api/runs/{id}/reject",
        "post /api/runs/{id}/events/{name}", "post /api/runs/{id}/terminate", "post /api/runs/{id}/suspend",
        "post /api/runs/{id}/resume", "delete /api/runs/{id}", "get /api/workflows", "get /api/plugins",
        "get /api/plugins/{name}", "post /api/plugins/validate", "post /api/plugins/reload", "get /healthz", "get /readyz",
    ];

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_NoKey_Ok()
    {
        var health = await server.Anonymous.GetFromJsonAsync<JsonElement>("/healthz", _ct);

        health.GetProperty("status").GetString().ShouldBe("ok");
    }

    [Fact]
    public async Task Readyz_SidecarUpAndPluginsLoaded_Ready()
    {
        var ready = await server.Anonymous.GetFromJsonAsync<JsonElement>("/readyz", _ct);

        ready.GetProperty("status").GetString().ShouldBe("ready");
        ready.GetProperty("plugins").GetInt32().ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task OpenApi_Document_ListsEveryRoute()
    {
        var document = await server.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", _ct);

        var listed = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name} {path.Name}"))
            .ToList();
        listed.ShouldBe(Routes, ignoreOrder: true);
    }

    [Fact]
    public async Task OpenApi_RunSchema_SnakeCase()
    {
        var text = await server.Anonymous.GetStringAsync("/openapi/v1.json", _ct);

        text.ShouldContain("\"run_id\"");
        text.ShouldContain("\"continuation_token\"");
    }

    [Fact]
    public async Task ApiPage_Get_HtmlPointingAtTheDocumentWithItsScriptServedLocally()
    {
        using var response = await server.Anonymous.GetAsync("/scalar/", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("openapi/v1.json");
        using var script = await server.Anonymous.GetAsync("/scalar/scalar.js", _ct);
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownRoute_Get_NotFoundProblem()
    {
        using var response = await server.Client.GetAsync("/api/nothing-here", _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }
}
