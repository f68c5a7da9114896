namespace Orchestrator.Engine.Workspaces;

/// <summary>What one ledger says about one run: that it started (<paramref name="Live"/>) or was purged, and when.</summary>
public sealed record LedgerRun(string RunId, bool Live, DateTimeOffset At);
