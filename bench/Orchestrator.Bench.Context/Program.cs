using Orchestrator.Bench.Context;

// Context benchmark: plain Stopwatch loops with warmup; figures vary with machine load, compare ratios.
Console.WriteLine($"Orchestrator.Bench.Context on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine();
ThroughputBench.Run(threadCounts: [1, 2, 8], duration: TimeSpan.FromSeconds(1));
Console.WriteLine();
AttemptBench.Run(entryCounts: [10, 1_000], duration: TimeSpan.FromSeconds(1));
return 0;
