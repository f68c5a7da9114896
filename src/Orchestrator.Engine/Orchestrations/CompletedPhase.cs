namespace Orchestrator.Engine.Orchestrations;

/// <summary>A finished phase in the progress status.</summary>
/// <param name="Phase">The phase name.</param>
/// <param name="Succeeded">False when every attempt failed (an optional phase; a required one fails the run).</param>
/// <param name="Attempts">Attempts taken.</param>
/// <param name="DurationMs">From the first attempt's start to the last one's end, retry waits included.</param>
/// <param name="Required">False for an optional phase, whose failure the run goes on without.</param>
/// <param name="CopiedFrom">On a retry: the run this phase ran in; it was not executed again (docs/running-workflows.md#retry-a-failed-run).</param>
public sealed record CompletedPhase(string Phase, bool Succeeded, int Attempts, double DurationMs, bool Required = true, string? CopiedFrom = null);
