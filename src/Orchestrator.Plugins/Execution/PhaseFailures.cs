namespace Orchestrator.Plugins.Execution;

/// <summary>
/// Which phase failures a retry can fix. A failure caused by what the phase was given (its input, its config, its
/// schemas) or by a plugin that no longer has the phase or version fails the same way every time, so it is not
/// retried; everything else (a crash, a timeout, a non-zero exit, bad output) may pass on another attempt
/// (docs/running-workflows.md#retries-and-failures).
/// </summary>
public static class PhaseFailures
{
    /// <summary>
    /// The exit code an executable uses to say it cannot use its input or config (<c>EX_DATAERR</c> of sysexits.h):
    /// an <see cref="PhaseFailureKind.InvalidInput"/> failure, not retried.
    /// </summary>
    public const int InvalidInputExitCode = 65;

    /// <summary>Whether another attempt may succeed after a failure of this kind.</summary>
    /// <param name="kind">The kind of failure.</param>
    /// <returns><c>false</c> for failures caused by the phase's input, config, schemas or a phase the plugin lacks.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined kind.</exception>
    public static bool IsRetryable(this PhaseFailureKind kind) => kind switch
    {
        PhaseFailureKind.Failed or PhaseFailureKind.Timeout or PhaseFailureKind.Cancelled or PhaseFailureKind.NonZeroExit
            or PhaseFailureKind.InvalidOutput or PhaseFailureKind.OutputTooLarge or PhaseFailureKind.StartFailed => true,
        PhaseFailureKind.SchemaViolation or PhaseFailureKind.UnknownPhase or PhaseFailureKind.InvalidInput => false,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a PhaseFailureKind"),
    };

    /// <summary>Why no retry can fix the failure <paramref name="exception"/> describes; null when a retry may.</summary>
    /// <param name="exception">What a phase attempt threw.</param>
    /// <returns>A short reason for the run's error, such as <c>the phase cannot use its input or config</c>.</returns>
    public static string? WhyNotRetryable(Exception exception) => exception switch
    {
        PluginVersionUnavailableException => "the plugin version the run started on is no longer loaded",
        PhaseExecutionException { Kind: var kind } when !kind.IsRetryable() => kind switch
        {
            PhaseFailureKind.SchemaViolation => "the input or output does not match the phase's schema",
            PhaseFailureKind.UnknownPhase => "the plugin has no such phase",
            _ => "the phase cannot use its input or config",
        },
        _ => null,
    };
}
