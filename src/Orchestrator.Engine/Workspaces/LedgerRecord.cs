namespace Orchestrator.Engine.Workspaces;

/// <summary>A run found in a ledger.</summary>
public sealed record LedgerRecord(Ledger Ledger, LedgerRun Run);
