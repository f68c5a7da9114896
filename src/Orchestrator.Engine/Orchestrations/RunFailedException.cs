using Orchestrator.Abstractions;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>Thrown by a run orchestration to fail the run; the message names the phase and what happened.</summary>
public sealed class RunFailedException : OrchestratorException
{
    public RunFailedException()
    {
    }

    public RunFailedException(string message)
        : base(message)
    {
    }

    public RunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
