using Orchestrator.Abstractions;

namespace Orchestrator.Plugins.Execution;

/// <summary>A phase attempt failed; the message names the plugin, the phase, and what went wrong.</summary>
public sealed class PhaseExecutionException : OrchestratorException
{
    public PhaseExecutionException()
    {
    }

    public PhaseExecutionException(string message)
        : base(message)
    {
    }

    public PhaseExecutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PhaseExecutionException(PhaseFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException!)
    {
        Kind = kind;
    }

    public PhaseFailureKind Kind { get; init; } = PhaseFailureKind.Failed;

    /// <summary>An executable's exit code, when one ran.</summary>
    public int? ExitCode { get; init; }
}
