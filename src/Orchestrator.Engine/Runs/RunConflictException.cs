using Orchestrator.Abstractions;

namespace Orchestrator.Engine.Runs;

/// <summary>A run with the requested id exists but was started by a different request.</summary>
public sealed class RunConflictException : OrchestratorException
{
    public RunConflictException()
    {
    }

    public RunConflictException(string message)
        : base(message)
    {
    }

    public RunConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
