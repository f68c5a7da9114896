using Orchestrator.Abstractions;

namespace Orchestrator.Plugins.BuiltIn.Authoring;

/// <summary>A built-in phase was given input or config it cannot use; the message says which field and how to fix it.</summary>
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
