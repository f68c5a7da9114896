using Orchestrator.Abstractions;

namespace Orchestrator.Cli.Hosting;

/// <summary>A host could not start as configured (a port taken, a sidecar unreachable, invalid settings); the message says which and why.</summary>
public sealed class HostStartException : OrchestratorException
{
    /// <summary>Creates an exception with no message.</summary>
    public HostStartException()
    {
    }

    /// <summary>Creates an exception with a message that says what to fix.</summary>
    /// <param name="message">The message.</param>
    public HostStartException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HostStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
