using Orchestrator.Abstractions;

namespace Orchestrator.Engine.Runs;

/// <summary>No run with the given id exists (it never did, or it was purged).</summary>
public sealed class RunNotFoundException : OrchestratorException
{
    public RunNotFoundException()
    {
    }

    public RunNotFoundException(string message)
        : base(message)
    {
    }

    public RunNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static RunNotFoundException For(string runId) =>
        new($"no run '{runId}' exists (it may have been purged); 'orchestrator runs list' shows the runs");
}
