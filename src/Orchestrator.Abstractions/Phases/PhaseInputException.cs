namespace Orchestrator.Abstractions.Phases;

/// <summary>
/// A phase was given input or config it cannot use; the message says which field and how to fix it. Thrown by a
/// phase to fail its attempt because of what it was given, not because of something that may pass on a retry.
/// </summary>
public sealed class PhaseInputException : OrchestratorException
{
    /// <summary>Creates an exception with no message.</summary>
    public PhaseInputException()
    {
    }

    /// <summary>Creates an exception whose message says what to fix.</summary>
    /// <param name="message">The message.</param>
    public PhaseInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PhaseInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
