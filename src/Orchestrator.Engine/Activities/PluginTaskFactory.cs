using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Engine.Orchestrations;

namespace Orchestrator.Engine.Activities;

/// <summary>
/// The SDK's factory knows only the names registered when the worker starts. This one answers every other
/// <c>&lt;plugin&gt;.&lt;phase&gt;</c> activity name with <see cref="PhaseActivity"/>, so that plugins added by hot reload
/// still get histories that read naturally; the activity takes the pinned plugin identity from its input. It also
/// creates the run and workflow orchestrators from the container.
/// </summary>
internal sealed class PluginTaskFactory(IDurableTaskFactory inner) : IDurableTaskFactory
{
    // Made once: every attempt and every episode creates one, and finding the constructor each time cost more than the rest.
    private static readonly ObjectFactory<PhaseActivity> NewPhaseActivity = ActivatorUtilities.CreateFactory<PhaseActivity>([]);
    private static readonly ObjectFactory<RunOrchestrator> NewRunOrchestrator = ActivatorUtilities.CreateFactory<RunOrchestrator>([]);
    private static readonly ObjectFactory<WorkflowOrchestrator> NewWorkflowOrchestrator = ActivatorUtilities.CreateFactory<WorkflowOrchestrator>([]);

    public bool TryCreateActivity(TaskName name, IServiceProvider serviceProvider, out ITaskActivity activity)
    {
        if (inner.TryCreateActivity(name, serviceProvider, out activity!))
        {
            return true;
        }

        if (IsPhaseName(name.Name))
        {
            activity = NewPhaseActivity(serviceProvider, null);
            return true;
        }

        activity = null!;
        return false;
    }

    // The SDK's factory creates orchestrators without the container; the run and workflow orchestrators take the
    // engine's metrics from it.
    public bool TryCreateOrchestrator(TaskName name, IServiceProvider serviceProvider, out ITaskOrchestrator orchestrator)
    {
        if (name.Name == OrchestrationNames.Run)
        {
            orchestrator = NewRunOrchestrator(serviceProvider, null);
            return true;
        }

        if (name.Name == OrchestrationNames.Workflow)
        {
            orchestrator = NewWorkflowOrchestrator(serviceProvider, null);
            return true;
        }

        return inner.TryCreateOrchestrator(name, serviceProvider, out orchestrator!);
    }

    /// <summary><c>plugin.phase</c>: two non-empty parts, and not one of the engine's own <c>orchestrator.*</c> names.</summary>
    internal static bool IsPhaseName(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < name.Length - 1 && !name.StartsWith("orchestrator.", StringComparison.Ordinal);
    }
}
