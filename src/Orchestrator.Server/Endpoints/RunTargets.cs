using Microsoft.AspNetCore.Http;
using Orchestrator.Engine.Workflows;
using Orchestrator.Plugins.Execution;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary>The 404 of a route that starts or plans a run of a workflow or plugin that is not there, worded once.</summary>
internal static class RunTargets
{
    /// <exception cref="ApiProblemException">404: no workflow of that name.</exception>
    public static void RequireWorkflow(WorkflowCatalog workflows, string name, CancellationToken cancellationToken)
    {
        if (workflows.Discover(cancellationToken).Find(name) is null)
        {
            throw WorkflowNotFound(name);
        }
    }

    /// <summary>404: no workflow of that name.</summary>
    public static ApiProblemException WorkflowNotFound(string name) =>
        new(StatusCodes.Status404NotFound, $"no workflow named '{name}'; GET /api/workflows lists them");

    /// <exception cref="ApiProblemException">404: no loaded plugin of that name.</exception>
    public static void RequirePlugin(IPluginCatalog catalog, string name)
    {
        if (!catalog.TryGet(name, out _))
        {
            throw new ApiProblemException(StatusCodes.Status404NotFound, $"no plugin named '{name}' is loaded; GET /api/plugins lists them");
        }
    }
}
