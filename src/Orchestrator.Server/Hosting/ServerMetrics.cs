using Microsoft.AspNetCore.Builder;
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

    public static void Map(WebApplication app) => app.MapPrometheusScrapingEndpoint(Path);
}
