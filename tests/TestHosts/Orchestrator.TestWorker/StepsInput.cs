namespace Orchestrator.TestWorker;

/// <summary>Input of the <c>Steps</c> orchestration: <paramref name="Count"/> sequential steps keyed <c>{Prefix}-{i}</c>.</summary>
public sealed record StepsInput(string Dir, string Prefix, int Count, int DelayMs, int SlowIndex = -1, int SlowDelayMs = 0);
