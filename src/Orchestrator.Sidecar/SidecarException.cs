using Orchestrator.Abstractions;

namespace Orchestrator.Sidecar;

/// <summary>The sidecar cannot start or serve as configured; the message says what to fix.</summary>
public sealed class SidecarException : OrchestratorException
{
    /// <summary>Creates an exception with no message.</summary>
    public SidecarException()
    {
    }

    /// <summary>Creates an exception with a message that says what to fix.</summary>
    /// <param name="message">The message.</param>
    public SidecarException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SidecarException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
