using Orchestrator.Abstractions;

namespace Orchestrator.Engine.Runs;

/// <summary>
/// The request does not fit the run: its id is taken by a run started by a different request, or the run is in a state
/// (or pinned to a plugin version) that does not allow it, such as a retry of a run that did not fail.
/// </summary>
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
