using Microsoft.DurableTask;

namespace Orchestrator.TestWorker;

/// <summary>An orchestration that reports the version it runs as (versioning match rules).</summary>
public static class VersionTasks
{
    /// <summary>Registers the versioned task.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestratorFunc<string, string>("Versioned", (context, _) => Task.FromResult($"ran as '{context.Version}'"));
    }
}
