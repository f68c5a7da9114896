using System.Net;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Hosting;

/// <summary><c>/metrics</c> on a server without API keys, as serve starts by default.</summary>
public sealed class KeylessMetricsEndpointTests(KeylessServerFixture server) : IClassFixture<KeylessServerFixture>
{
    [Fact]
    public async Task Metrics_NoKeysConfigured_OpenWithoutAKey()
    {
        using var response = await server.Anonymous.GetAsync("/metrics", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        text.ShouldContain("# TYPE target_info gauge", customMessage: "the OpenTelemetry Prometheus exporter answers");
    }
}
