namespace Orchestrator.TestWorker;

/// <summary>Input of <c>StepThenCollect</c>: a step (key, duration) to run first, then how many "item" events to collect.</summary>
public sealed record CollectInput(string Dir, string Key, int StepMs, int Count);
