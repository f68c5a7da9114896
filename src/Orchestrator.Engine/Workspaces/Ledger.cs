namespace Orchestrator.Engine.Workspaces;

/// <summary>One process's ledger: its owner and the last record of each run in it.</summary>
/// <param name="Path">The file.</param>
/// <param name="Owner">The backend and the process.</param>
/// <param name="Runs">The last record of each run.</param>
/// <param name="Written">When the file was last written.</param>
public sealed record Ledger(string Path, RunMarker Owner, IReadOnlyDictionary<string, LedgerRun> Runs, DateTimeOffset Written);
