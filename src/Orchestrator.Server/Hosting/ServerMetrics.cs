using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Orchestrator.Engine.Telemetry;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// The engine's metrics as Prometheus text at <see cref="Path"/>, behind the API key when keys are configured
/// (docs/observability.md#prometheus). Exporting over OTLP is the host's choice; this scrape endpoint is always there.
/// </summary>
internal static class ServerMetrics
{
    public const string Path = "/metrics";

    public static void Add(IServiceCollection services) =>
        services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(EngineTelemetry.MeterName).AddPrometheusExporter());

    // Prometheus text, not the API's JSON: left out of the OpenAPI document, like the API page. A scrape is a GET; the
    // exporter's own mapping would answer any method.
    public static void Map(WebApplication app) => app.MapPrometheusScrapingEndpoint(Path)
        .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
        .ExcludeFromDescription();
}
