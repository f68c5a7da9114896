namespace Orchestrator.Engine.Runs;

/// <summary>The outcome of an idempotent start.</summary>
/// <param name="Run">The run as it is now.</param>
/// <param name="Created">False when a run with the requested id already existed for the same request.</param>
public sealed record RunStart(RunRecord Run, bool Created);
