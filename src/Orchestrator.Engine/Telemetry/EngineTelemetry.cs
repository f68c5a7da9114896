using System.Diagnostics;

namespace Orchestrator.Engine.Telemetry;

/// <summary>
/// The names under which the engine emits traces and metrics (docs/observability.md). Nothing is recorded unless a
/// listener (an OpenTelemetry provider) subscribes to them.
/// </summary>
public static class EngineTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> of the run and phase-attempt spans.</summary>
    public const string SourceName = "Orchestrator";

    /// <summary>The meter of the <c>orchestrator.*</c> metrics.</summary>
    public const string MeterName = "Orchestrator";

    /// <summary>The Durable Task SDK's own source (orchestration, activity, timer spans), which our spans link to.</summary>
    public const string DurableTaskSourceName = "Microsoft.DurableTask";

    internal static ActivitySource Source { get; } = new(SourceName);
}
