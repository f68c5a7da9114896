using Orchestrator.Engine.Workspaces;

namespace Orchestrator.Engine.Runs;

/// <summary>What a look-up of a run that no backend knows says.</summary>
public sealed partial class RunService
{
    /// <summary>
    /// The error for a run id that is not found: that the run was lost with the in-memory backend (or lives in another
    /// process's memory) when its workspace says so, else that no such run exists.
    /// </summary>
    public RunNotFoundException RunNotFound(string runId) =>
        LostRuns.Explain(workspaces, runId) is { } lost ? new RunNotFoundException(lost) : RunNotFoundException.For(runId);

    /// <summary>Why no backend knows <paramref name="runId"/>, when its workspace says: lost with the in-memory backend, or in another process's memory.</summary>
    public string? WhyNotFound(string runId) => LostRuns.Explain(workspaces, runId);
}
