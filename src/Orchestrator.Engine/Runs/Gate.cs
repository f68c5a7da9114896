namespace Orchestrator.Engine.Runs;

/// <summary>An approval phase that was waiting when it was approved or rejected.</summary>
/// <param name="RunId">The run it belongs to: the run itself, or the step of a workflow run.</param>
/// <param name="Phase">The approval phase.</param>
public sealed record Gate(string RunId, string Phase);
