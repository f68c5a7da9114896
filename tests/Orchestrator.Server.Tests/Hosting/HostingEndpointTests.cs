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
        "post /api/runs/{id}/resume", "post /api/runs/{id}/retry", "delete /api/runs/{id}", "post /api/workflows/{name}/plan", "post /api/plugins/{name}/plan",
        "get /api/workflows", "get /api/workflows/{name}", "get /api/runs/{id}/artifacts/{path}", "get /api/plugins",
        "get /api/plugins/{name}", "post /api/plugins/validate", "post /api/plugins/reload", "get /healthz", "get /readyz",
        "get /api/schedules", "post /api/schedules/{workflow}/pause", "post /api/schedules/{workflow}/resume", "post /api/schedules/{workflow}/trigger",
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
    public async Task OpenApi_Document_EveryReferenceNamesAComponentAndIntegersAreIntegers()
    {
        var document = await server.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", _ct);

        var components = document.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(p => p.Name).ToHashSet();
        var nodes = Descendants(document).ToList();
        var references = nodes.Where(n => n.Name == "$ref").Select(n => n.Value.GetString()!).Distinct().ToList();
        references.Select(r => r.Replace("#/components/schemas/", string.Empty, StringComparison.Ordinal)).ShouldBeSubsetOf(components);
        nodes.Where(n => n.Name == "pattern").ShouldBeEmpty("no number is described as a string with a pattern");
        nodes.Where(n => n.Name == "type" && n.Value.ValueKind == JsonValueKind.Array)
            .Select(n => n.Value.EnumerateArray().Select(t => t.GetString()).Where(t => t != "null").ToList())
            .ShouldAllBe(types => types.Count == 1, "a type list is one type or null, never integer|string");
        document.GetProperty("servers").EnumerateArray().ShouldAllBe(s => !s.GetProperty("url").GetString()!.EndsWith('/'));
    }

    [Fact]
    public async Task OpenApi_Operations_ApiKeySchemesOnApiRoutesAndProblemBodiesOnEveryError()
    {
        var document = await server.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", _ct);

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("ApiKey").GetProperty("name").GetString().ShouldBe("X-Api-Key");
        schemes.GetProperty("Bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var where = $"{operation.Name} {path.Name}";
                var security = operation.Value.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList();
                security.ShouldBe(path.Name.StartsWith("/api/", StringComparison.Ordinal) ? ["ApiKey", "Bearer"] : [], where);
                var errors = operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5').ToList();
                errors.Select(r => r.Name).ShouldContain("500", where);
                errors.ShouldAllBe(r => r.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString() == "#/components/schemas/ApiProblem", where);
            }
        }
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

    private static IEnumerable<(string Name, JsonElement Value)> Descendants(JsonElement element)
    {
        var children = element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Select(p => (p.Name, p.Value)),
            JsonValueKind.Array => element.EnumerateArray().Select(v => (string.Empty, v)),
            _ => [],
        };
        foreach (var (name, value) in children)
        {
            yield return (name, value);
            foreach (var descendant in Descendants(value))
            {
                yield return descendant;
            }
        }
    }
}
