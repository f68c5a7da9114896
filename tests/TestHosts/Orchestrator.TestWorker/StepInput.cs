namespace Orchestrator.TestWorker;

/// <summary>Input of the <c>Step</c> activity: where to record its execution, under which key, and how long it runs.</summary>
public sealed record StepInput(string Dir, string Key, int DelayMs);
