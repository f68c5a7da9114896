using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Net;

namespace Orchestrator.Dashboard.Tests;

/// <summary>
/// <c>GET /api/runs/{id}/artifacts/{path}</c> on a real server: a run's artifacts download, and nothing else of the
/// disk does (paths out of the workspace, files it did not report, symbolic links, bad run ids).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ArtifactDownloadTests(DashboardFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Download_ReportedArtifact_IsTheFileAsAnAttachmentThatCannotRunAsAPage()
    {
        var runId = await fixture.Keyless.CompletedShortStoryAsync(_ct);
        using var client = fixture.Keyless.CreateClient();
        using var response = await client.GetAsync($"/api/runs/{runId}/artifacts/manuscript.md", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(_ct)).ShouldBe(await File.ReadAllTextAsync(Path.Combine(fixture.Keyless.RunsDirectory, runId, "manuscript.md"), _ct));
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("manuscript.md");
        response.Headers.GetValues("Content-Security-Policy").ShouldBe(["sandbox"]);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);

        using var nested = await client.GetAsync($"/api/runs/{runId}/artifacts/notes/premise.md", _ct);
        nested.StatusCode.ShouldBe(HttpStatusCode.OK, "an artifact in a subdirectory");
    }

    // Sent as written (a raw request line): HTTP clients would already remove dot segments themselves.
    [Theory]
    [InlineData("..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("notes%2F..%2F..%2Frun.json")]
    [InlineData("notes%2f..%2fmanuscript.md")]
    [InlineData("..%5C..%5Cetc%5Cpasswd")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("notes//premise.md")]
    [InlineData("notes/.%2Fpremise.md")]
    public async Task Download_PathLeavingTheWorkspace_Is400(string path)
    {
        var runId = await fixture.Keyless.CompletedShortStoryAsync(_ct);
        var (status, body) = await RawGetAsync($"/api/runs/{runId}/artifacts/{path}");
        status.ShouldBe(400, body);
        body.ShouldContain("not a path inside the run's workspace");
    }

    // The server resolves dot segments and refuses control characters before any route: these reach no file either.
    [Theory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd")]
    [InlineData("notes/../../other-run/manuscript.md")]
    [InlineData("manuscript.md%00.png")]
    public async Task Download_PathTheServerResolvesFirst_NeverReadsOutside(string path)
    {
        var runId = await fixture.Keyless.CompletedShortStoryAsync(_ct);
        var (status, body) = await RawGetAsync($"/api/runs/{runId}/artifacts/{path}");
        status.ShouldBeOneOf([400, 404], body);
        body.ShouldNotContain("root:");
    }

    [Theory]
    [InlineData("run.json")]
    [InlineData("notes")]
    [InlineData("missing.md")]
    [InlineData("manuscript.md.bak")]
    public async Task Download_FileTheRunDidNotReport_Is404(string path)
    {
        var runId = await fixture.Keyless.CompletedShortStoryAsync(_ct);
        using var client = fixture.Keyless.CreateClient();
        using var response = await client.GetAsync($"/api/runs/{runId}/artifacts/{path}", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync(_ct));
        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("is not an artifact of run");
    }

    [Fact]
    public async Task Download_ArtifactReplacedBySymbolicLink_Is404()
    {
        var runId = await fixture.Keyless.CompletedShortStoryAsync(_ct);
        var workspace = Path.Combine(fixture.Keyless.RunsDirectory, runId);
        var outside = Path.Combine(Path.GetTempPath(), "orch-outside-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllTextAsync(outside, "secret outside the workspace", _ct);
        try
        {
            File.Delete(Path.Combine(workspace, "world.md"));
            File.CreateSymbolicLink(Path.Combine(workspace, "world.md"), outside);
            Directory.Delete(Path.Combine(workspace, "notes"), recursive: true);
            Directory.CreateSymbolicLink(Path.Combine(workspace, "notes"), Path.GetTempPath());
            using var client = fixture.Keyless.CreateClient();
            foreach (var path in (string[])["world.md", "notes/premise.md"])
            {
                using var response = await client.GetAsync($"/api/runs/{runId}/artifacts/{path}", _ct);
                var body = await response.Content.ReadAsStringAsync(_ct);
                response.StatusCode.ShouldBe(HttpStatusCode.NotFound, body);
                body.ShouldContain("symbolic link");
                body.ShouldNotContain("secret outside");
            }
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Theory]
    [InlineData("no-such-run", HttpStatusCode.NotFound)]
    [InlineData("bad%20id", HttpStatusCode.BadRequest)]
    [InlineData("story%3Astep1", HttpStatusCode.BadRequest)]
    public async Task Download_UnknownOrMalformedRun_IsRefused(string runId, HttpStatusCode expected)
    {
        using var client = fixture.Keyless.CreateClient();
        using var response = await client.GetAsync($"/api/runs/{runId}/artifacts/manuscript.md", _ct);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Download_NoPath_Is400OrNotARoute()
    {
        var runId = await fixture.Keyless.CompletedShortStoryAsync(_ct);
        using var client = fixture.Keyless.CreateClient();
        using var response = await client.GetAsync($"/api/runs/{runId}/artifacts/", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
    }

    private async Task<(int Status, string Body)> RawGetAsync(string target)
    {
        var server = new Uri(fixture.Keyless.BaseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, _ct);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n"), _ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        deadline.CancelAfter(DashboardFixture.Deadline);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync(deadline.Token);
        var status = int.Parse(response.Split(' ', 3)[1], CultureInfo.InvariantCulture);
        return (status, response);
    }
}
