using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Security;

/// <summary>
/// A state-changing request a browser sends for a page of another origin is refused (403) and changes nothing; the
/// server's own origin, an allowed origin, GET requests and clients that are not browsers go through
/// (docs/rest-api.md#browser-requests). Run on a server with keys and on one without.
/// </summary>
public abstract class BrowserOriginTests(ServerFixture server)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public static TheoryData<string, string> CrossSite => new()
    {
        { "Origin", "https://evil.example" },
        { "Origin", "null" },
        { "Origin", "http://127.0.0.1:1" },
        { "Origin", "http://localhost" },
        { "Sec-Fetch-Site", "cross-site" },
        { "Sec-Fetch-Site", "same-site" },
    };

    [Theory]
    [MemberData(nameof(CrossSite))]
    public async Task Put_CrossSiteBrowserRequest_ForbiddenAndNoRunStarted(string header, string value)
    {
        var runId = "xsite-" + Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/runs/{runId}") { Content = ServerFixture.Json("""{"plugin": "echo"}""") };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await server.Client.SendAsync(request, _ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        problem.GetProperty("detail").GetString()!.ShouldContain(value == "null" ? "opaque origin" : value);
        using var after = await server.Client.GetAsync($"/api/runs/{runId}", _ct);
        after.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("POST", "/api/runs/any/terminate")]
    [InlineData("POST", "/api/runs/any/approve")]
    [InlineData("POST", "/api/plugins/echo/runs")]
    [InlineData("POST", "/api/plugins/reload")]
    [InlineData("DELETE", "/api/runs/any")]
    public async Task StateChangingRoute_FormPostFromAnotherSite_Forbidden(string method, string route)
    {
        // What a page elsewhere can send without a preflight: a form post, no key, no JSON content type.
        using var request = new HttpRequestMessage(new HttpMethod(method), route) { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await server.Anonymous.SendAsync(request, _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(true, "same-origin")]
    [InlineData(false, "none")]
    [InlineData(false, null)]
    public async Task Put_ServerOwnOriginOrUserAction_Created(bool withOrigin, string? site)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/runs/own-{Guid.NewGuid():N}") { Content = ServerFixture.Json("""{"plugin": "echo"}""") };
        if (withOrigin)
        {
            request.Headers.Add("Origin", server.BaseAddress.GetLeftPart(UriPartial.Authority));
        }

        if (site is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", site);
        }

        using var response = await server.Client.SendAsync(request, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
    }

    [Fact]
    public async Task Put_AllowedOrigin_Created()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/runs/dash-{Guid.NewGuid():N}") { Content = ServerFixture.Json("""{"plugin": "echo"}""") };
        request.Headers.Add("Origin", ServerFixture.AllowedOrigin);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await server.Client.SendAsync(request, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
    }

    [Fact]
    public async Task Get_FromAnotherSite_Answered()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/plugins");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await server.Client.SendAsync(request, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("plugins").GetArrayLength().ShouldBeGreaterThan(0);
    }
}
