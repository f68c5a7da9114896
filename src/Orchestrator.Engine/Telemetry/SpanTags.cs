namespace Orchestrator.Engine.Telemetry;

/// <summary>The attributes of the run and phase-attempt spans (docs/observability.md#traces).</summary>
public static class SpanTags
{
    public const string RunId = "orchestrator.run.id";

    public const string Target = EngineMetrics.TargetTag;

    public const string Workflow = "orchestrator.workflow";

    public const string Plugin = EngineMetrics.PluginTag;

    public const string PluginVersion = "orchestrator.plugin.version";

    public const string RetryOf = "orchestrator.run.retry_of";

    /// <summary>completed or failed.</summary>
    public const string RunOutcome = "orchestrator.run.outcome";

    public const string Phase = EngineMetrics.PhaseTag;

    public const string Attempt = "orchestrator.phase.attempt";

    /// <summary>succeeded, failed or interrupted, like the metrics' outcome.</summary>
    public const string PhaseOutcome = "orchestrator.phase.outcome";

    public const string DurationMs = "orchestrator.phase.duration_ms";

    /// <summary>false when the failure is one no retry can fix.</summary>
    public const string Retryable = "orchestrator.phase.retryable";

    /// <summary>The exit code of an executable plugin's process (OpenTelemetry's process semantic convention).</summary>
    public const string ExitCode = "process.exit.code";
}
