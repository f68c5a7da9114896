using DurableTask.Core;

namespace Orchestrator.SqliteTestHost;

/// <summary>Registers the test orchestrations and activities on a DTFx worker.</summary>
public static class Registry
{
    /// <summary>Adds every orchestration and activity of this host.</summary>
    public static TaskHubWorker AddAll(this TaskHubWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        worker.AddTaskOrchestrations(typeof(StepsOrchestration));
        worker.AddTaskActivities(typeof(MarkActivity), typeof(EchoActivity));
        return worker;
    }
}
