namespace Orchestrator.Abstractions;

/// <summary>The base of every exception Orchestrator throws on purpose; its message says what to fix.</summary>
public class OrchestratorException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public OrchestratorException()
    {
    }

    /// <summary>Creates an exception with a message that says what to fix.</summary>
    /// <param name="message">The message.</param>
    public OrchestratorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OrchestratorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
