namespace Orchestrator.Plugins.Execution;

/// <summary>Why a phase attempt failed. <see cref="PhaseFailures.IsRetryable"/> says which a retry can fix.</summary>
public enum PhaseFailureKind
{
    /// <summary>The phase code threw or reported failure.</summary>
    Failed,

    /// <summary>The attempt exceeded the phase's timeout.</summary>
    Timeout,

    /// <summary>The run was cancelled while the attempt ran.</summary>
    Cancelled,

    /// <summary>An executable exited with a non-zero code.</summary>
    NonZeroExit,

    /// <summary>An executable's output was not valid JSON or not a result object.</summary>
    InvalidOutput,

    /// <summary>An executable wrote more than the stdout cap.</summary>
    OutputTooLarge,

    /// <summary>An executable could not be started (missing, not executable).</summary>
    StartFailed,

    /// <summary>The input or output did not validate against the phase's schema.</summary>
    SchemaViolation,

    /// <summary>The manifest names a phase the implementation does not provide, or the reverse.</summary>
    UnknownPhase,

    /// <summary>
    /// The phase cannot use its input or config: it threw <see cref="Abstractions.Phases.PhaseInputException"/>,
    /// or an executable exited with <see cref="PhaseFailures.InvalidInputExitCode"/>.
    /// </summary>
    InvalidInput,
}
