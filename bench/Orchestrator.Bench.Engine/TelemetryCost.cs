using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orchestrator.Engine.Telemetry;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Bench.Engine;

/// <summary>
/// What the engine's traces and metrics cost (docs/observability.md#cost): the same 3-phase run with no listener (run
/// and worker without OTEL_EXPORTER_OTLP_ENDPOINT), with the metrics only (serve, for /metrics), and with traces and
/// metrics through the OpenTelemetry SDK's batch processor (an exporter that drops what it is given, so that the
/// figure is the engine's and the SDK's cost, not a collector's).
/// </summary>
internal static class TelemetryCost
{
    private const int InFlight = 64;
    private const int Total = 512;
    private const int Rounds = 3;

    public static async Task PrintAsync(string root, CancellationToken cancellationToken)
    {
        (string Name, Action<IServiceCollection>? Services)[] listeners =
        [
            ("none", null),
            ("metrics", s => s.AddOpenTelemetry().WithMetrics(Metrics)),
            ("traces and metrics", s => s.AddOpenTelemetry().WithMetrics(Metrics).WithTracing(Traces)),
        ];

        // The first host of the process pays for JIT compilation; then the three take turns, so that a machine whose
        // load changes during the bench weighs on each alike, and each keeps its best round.
        await MeasureAsync(root, null, cancellationToken);
        var best = new (double RunsPerSecond, double CpuMsPerRun)[listeners.Length];
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < listeners.Length; i++)
            {
                var figures = await MeasureAsync(root, listeners[i].Services, cancellationToken);
                best[i] = figures.RunsPerSecond > best[i].RunsPerSecond ? figures : best[i];
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"3 no-op phases per run, embedded memory sidecar, {InFlight} in flight, {Total} runs, best of {Rounds} rounds taken in turn; who listens to the engine's telemetry"));
        Console.WriteLine($"{"listener",22} {"plugin run/s",13} {"vs none",8} {"cpu ms/run",11}");
        for (var i = 0; i < listeners.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{listeners[i].Name,22} {best[i].RunsPerSecond,13:0.0} {best[i].RunsPerSecond / best[0].RunsPerSecond,8:0.00} {best[i].CpuMsPerRun,11:0.00}"));
        }
    }

    private static void Metrics(MeterProviderBuilder m) =>
        m.AddMeter(EngineTelemetry.MeterName).AddReader(new PeriodicExportingMetricReader(new Dropping<Metric>()));

    private static void Traces(TracerProviderBuilder t) =>
        t.AddSource(EngineTelemetry.SourceName, EngineTelemetry.DurableTaskSourceName).AddProcessor(new BatchActivityExportProcessor(new Dropping<Activity>()));

    private static async Task<(double RunsPerSecond, double CpuMsPerRun)> MeasureAsync(string root, Action<IServiceCollection>? services, CancellationToken cancellationToken)
    {
        await using var host = await BenchHost.StartAsync(root, new SidecarOptions { Backend = SidecarBackends.Memory }, services, cancellationToken);
        await host.RunsPerSecondAsync(host.PluginRun("bench-noop", cancellationToken), 16, 64, cancellationToken);
        return await host.MeasureAsync(host.PluginRun("bench-noop", cancellationToken), InFlight, Total, cancellationToken);
    }

    private sealed class Dropping<T> : BaseExporter<T>
        where T : class
    {
        public override ExportResult Export(in Batch<T> batch) => ExportResult.Success;
    }
}
