using System.Net;
using System.Net.Http.Headers;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Dashboard;

/// <summary>
/// The dashboard's pages and files as served: the same page for every dashboard address, the server's own files only,
/// a content security policy that allows nothing from elsewhere, and no data in any of them (the API holds the data).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class DashboardPageTests(ServerFixture server)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/runs/some-run")]
    [InlineData("/plugins")]
    [InlineData("/plugins/echo")]
    [InlineData("/workflows")]
    public async Task Page_NoKey_TheDashboardPageWithAPolicyAllowingOnlyThisServer(string path)
    {
        using var response = await server.Anonymous.GetAsync(path, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var policy = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        policy.ShouldContain("default-src 'none'");
        policy.ShouldContain("script-src 'self'");
        policy.ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        var html = await response.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("""<script type="module" src="/dashboard/app.js">""");
        html.ShouldNotContain("http://", Case.Insensitive, "the page loads nothing from another host");
        html.ShouldNotContain("https://", Case.Insensitive, "the page loads nothing from another host");
    }

    [Theory]
    [InlineData("/dashboard/app.js", "text/javascript")]
    [InlineData("/dashboard/pages/run.js", "text/javascript")]
    [InlineData("/dashboard/app.css", "text/css")]
    [InlineData("/dashboard/icon.svg", "image/svg+xml")]
    public async Task Asset_Get_ServedFromTheAssemblyWithItsType(string path, string mediaType)
    {
        using var response = await server.Anonymous.GetAsync(path, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        response.Headers.CacheControl!.NoCache.ShouldBeTrue();
        var text = await response.Content.ReadAsStringAsync(_ct);
        text.ShouldNotBeEmpty();
        text.ShouldNotContain("https://", Case.Insensitive, "no asset loads anything from another host");
    }

    [Fact]
    public async Task Asset_SameETag_NotModified()
    {
        using var first = await server.Anonymous.GetAsync("/dashboard/app.js", _ct);
        var tag = first.Headers.ETag.ShouldNotBeNull();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/app.js");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(tag.Tag));
        using var again = await server.Anonymous.SendAsync(request, _ct);

        again.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Theory]
    [InlineData("/dashboard/nothing.js")]
    [InlineData("/dashboard/index.html")]
    [InlineData("/dashboard/../appsettings.json")]
    [InlineData("/dashboard/%2E%2E/%2E%2E/etc/passwd")]
    [InlineData("/dashboard/pages")]
    [InlineData("/dashboard/")]
    [InlineData("/runs/a/b")]
    public async Task Asset_Unknown_NotFoundProblem(string path)
    {
        using var response = await server.Anonymous.GetAsync(path, _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Page_Post_NotAllowed()
    {
        using var response = await server.Client.PostAsync("/workflows", new StringContent("x"), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }
}
