namespace Orchestrator.Engine.Runs;

/// <summary>Where a run is in its life.</summary>
public enum RunStatus
{
    Pending,
    Running,
    Suspended,
    Completed,
    Failed,
    Terminated,
}
