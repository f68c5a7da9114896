namespace Orchestrator.Engine.Orchestrations;

/// <summary>The durable names the engine registers and the events a run listens for.</summary>
public static class OrchestrationNames
{
    /// <summary>The orchestration that runs one plugin's phases.</summary>
    public const string Run = "orchestrator.run";

    /// <summary>The orchestration that runs a workflow's steps as sub-orchestrations.</summary>
    public const string Workflow = "orchestrator.workflow";

    /// <summary>The activity that saves a failed run's shared data to its workspace when it is too big for the status.</summary>
    public const string SaveSharedData = "orchestrator.save-shared-data";

    /// <summary>The event that lets a waiting approval phase start (payload: a <see cref="GateDecision"/> naming it).</summary>
    public const string ApproveEvent = "approve";

    /// <summary>The event that rejects a waiting approval phase and fails the run (payload: a <see cref="GateDecision"/> naming it, with the reason).</summary>
    public const string RejectEvent = "reject";

    /// <summary>Whether <paramref name="name"/> is <see cref="ApproveEvent"/> or <see cref="RejectEvent"/>, which carry a <see cref="GateDecision"/>.</summary>
    public static bool IsGateEvent(string name) => name is ApproveEvent or RejectEvent;
}
