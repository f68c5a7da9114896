namespace Orchestrator.SqliteTestHost;

/// <summary>Input of <see cref="StepsOrchestration"/>: <paramref name="Count"/> sequential marked steps keyed <c>{Prefix}_{i}</c>.</summary>
public sealed record StepsInput(string Dir, string Prefix, int Count, int DelayMs);
