namespace Orchestrator.Engine.Orchestrations;

/// <summary>One step of a multi-step workflow: the plugin it ran, its run id and its output.</summary>
public sealed record StepOutput(string Plugin, string RunId, RunOutput Output);
