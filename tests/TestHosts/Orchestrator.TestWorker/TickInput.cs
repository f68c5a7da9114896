namespace Orchestrator.TestWorker;

/// <summary>Input of <c>CountTicks</c>: ticks seen so far, how many to wait for, and a timer after each (0: none).</summary>
public sealed record TickInput(int Seen, int Target, int TimerMs);
