namespace Orchestrator.SqliteTestHost;

/// <summary>Input of <see cref="MarkActivity"/>: where to record, under which key, how long to run.</summary>
public sealed record MarkInput(string Dir, string Key, int DelayMs);
