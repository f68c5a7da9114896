using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Security;

[Collection(ServerCollection.Name)]
public sealed class SecurityTests(ServerFixture server)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/api/runs")]
    [InlineData("GET", "/api/plugins")]
    [InlineData("POST", "/api/plugins/echo/runs")]
    [InlineData("DELETE", "/api/runs/x")]
    public async Task ApiRoute_NoKey_Unauthorized(string method, string route)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), route);

        using var response = await server.Anonymous.SendAsync(request, _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString()!.ShouldContain("X-Api-Key");
    }

    [Theory]
    [InlineData("X-Api-Key", "wrong")]
    [InlineData("Authorization", "Bearer wrong")]
    [InlineData("Authorization", "Basic dXNlcjpwYXNz")]
    public async Task ApiRoute_WrongKey_Unauthorized(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await server.Anonymous.SendAsync(request, _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ApiRoute_BearerKey_Ok()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/plugins");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);

        using var response = await server.Anonymous.SendAsync(request, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_BodyOverOneMebibyte_PayloadTooLarge()
    {
        var body = "{\"input\": \"" + new string('x', 1024 * 1024) + "\"}";

        using var response = await server.Client.PostAsync("/api/plugins/echo/runs", ServerFixture.Json(body), _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Validate_ChunkedBodyOverLimit_PayloadTooLarge()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("# " + new string('y', (1024 * 1024) + 10))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/plugins/validate") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await server.Client.SendAsync(request, _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Responses_EveryKindOfRequest_NeverContainSecretsOrEnvironment()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        var requests = new (string Method, string Route, string? Body)[]
        {
            ("GET", "/api/plugins", null), ("GET", "/api/plugins/strict", null), ("GET", "/api/workflows", null),
            ("GET", "/api/runs?page_size=500", null), ("POST", "/api/plugins/strict/runs", """{"config": {"count": 1, "mode": "fast"}}"""),
            ("POST", "/api/plugins/strict/runs", """{"config": {"count": "x"}}"""), ("POST", "/api/plugins/strict/runs", "{bad"),
            ("GET", "/api/runs/nope", null), ("POST", "/api/plugins/validate", "resource_spec: {api_keys: [SECRET_TOKEN]}"),
            ("POST", "/api/plugins/reload", null), ("GET", "/readyz", null), ("GET", "/openapi/v1.json", null),
        };
        foreach (var (method, route, body) in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), route);
            if (body is not null)
            {
                request.Content = ServerFixture.Json(body);
            }

            using var response = await server.Client.SendAsync(request, _ct);
            var text = await response.Content.ReadAsStringAsync(_ct) + response.Headers + response.Content.Headers;

            text.ShouldNotContain(server.SecretValue, Case.Sensitive, $"{method} {route}");
            text.ShouldNotContain(server.ApiKey, Case.Sensitive, $"{method} {route}");
            if (!string.IsNullOrEmpty(home) && home.Length > 1)
            {
                text.ShouldNotContain($"\"{home}", Case.Sensitive, $"{method} {route}");
            }
        }
    }
}
