using System.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orchestrator.Engine.Telemetry;
using Orchestrator.Plugins.Registry;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// Exports the engine's traces and metrics over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (serve, worker, run; docs/observability.md#sending-traces-to-jaeger-or-the-aspire-dashboard). Without it no
/// tracer is registered and the engine's spans cost one check each. The other standard variables
/// (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>_HEADERS</c>, <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>) apply.
/// </summary>
internal static class OtlpExport
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The <c>OTEL_*</c> environment variables, as configuration entries of the same names (the exporter reads them there).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> FromEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(e => new KeyValuePair<string, string?>((string)e.Key, (string?)e.Value))
            .Where(e => e.Key.StartsWith("OTEL_", StringComparison.Ordinal));

    /// <summary>Adds the exporter when the configuration has an endpoint.</summary>
    /// <exception cref="HostStartException">The endpoint is not an absolute http(s) address.</exception>
    public static void AddWhenConfigured(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var endpoint = builder.Configuration[EndpointVariable];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return;
        }

        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new HostStartException(
                $"{EndpointVariable} is '{endpoint}', which is not an http:// or https:// address; set it to the collector's OTLP endpoint (e.g. http://localhost:4317) or unset it");
        }

        var named = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(named ? builder.Configuration["OTEL_SERVICE_NAME"]! : "orchestrator", serviceVersion: OrchestratorVersion.Current.ToString()))
            .WithTracing(t => t.AddSource(EngineTelemetry.SourceName, EngineTelemetry.DurableTaskSourceName))
            .WithMetrics(m => m.AddMeter(EngineTelemetry.MeterName))
            .UseOtlpExporter();
    }
}
