namespace Orchestrator.Engine.Runs;

/// <summary>One page of runs, newest first.</summary>
/// <param name="Runs">The runs on this page.</param>
/// <param name="Next">Where the next page starts; null on the last page.</param>
public sealed record RunPage(IReadOnlyList<RunRecord> Runs, RunCursor? Next);
