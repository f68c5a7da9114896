using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Hosting;

/// <summary><c>/metrics</c> on a server with an API key (docs/observability.md#prometheus).</summary>
[Collection(ServerCollection.Name)]
public sealed class MetricsEndpointTests(ServerFixture server)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_WithTheKeyAfterARun_PrometheusTextWithTheRunAndPhaseMetrics()
    {
        using (var start = await server.Client.PostAsync("/api/plugins/echo/runs", ServerFixture.Json("{}"), _ct))
        {
            start.StatusCode.ShouldBe(HttpStatusCode.Created, await start.Content.ReadAsStringAsync(_ct));
            var runId = (await start.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("run_id").GetString()!;
            (await server.WaitForEndAsync(runId)).GetProperty("status").GetString().ShouldBe("completed");
        }

        using var response = await server.Client.GetAsync("/metrics", _ct);
        var text = await response.Content.ReadAsStringAsync(_ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        Value(text, @"orchestrator_runs_started_total\{[^}]*orchestrator_target=""echo""[^}]*\}").ShouldBeGreaterThanOrEqualTo(1);
        Value(text, @"orchestrator_runs_completed_total\{[^}]*orchestrator_target=""echo""[^}]*\}").ShouldBeGreaterThanOrEqualTo(1);
        Value(text, @"orchestrator_phase_attempts_total\{[^}]*orchestrator_phase=""say""[^}]*\}").ShouldBeGreaterThanOrEqualTo(1);
        Value(text, @"orchestrator_phase_duration_seconds_count\{[^}]*orchestrator_plugin=""echo""[^}]*\}").ShouldBeGreaterThanOrEqualTo(1);
        text.ShouldContain("# TYPE orchestrator_phase_duration_seconds histogram");
        text.ShouldContain("# TYPE orchestrator_runs_in_flight gauge");
    }

    [Fact]
    public async Task Metrics_NoKey_Unauthorized()
    {
        using var response = await server.Anonymous.GetAsync("/metrics", _ct);

        (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("requires an API key");
    }

    [Fact]
    public async Task Metrics_WrongKey_Unauthorized()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Api-Key", "not-the-key");
        using var response = await server.Anonymous.SendAsync(request, _ct);

        (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("not valid");
        (await response.Content.ReadAsStringAsync(_ct)).ShouldNotContain("orchestrator_");
    }

    [Fact]
    public async Task Metrics_Post_MethodNotAllowed()
    {
        using var response = await server.Client.PostAsync("/metrics", ServerFixture.Json("{}"), _ct);

        (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("POST is not allowed on /metrics");
    }

    private static double Value(string text, string series)
    {
        var match = Regex.Match(text, $@"^{series} (\S+)", RegexOptions.Multiline);
        match.Success.ShouldBeTrue($"no sample of {series} in:{Environment.NewLine}{text}");
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
