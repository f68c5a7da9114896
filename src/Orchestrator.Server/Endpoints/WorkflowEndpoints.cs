using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Workflows;
using Orchestrator.Engine.Workflows;
using Orchestrator.Plugins.Execution;
using Orchestrator.Server.OpenApi;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary><c>GET /api/workflows</c> and <c>GET /api/workflows/{name}</c>: the workflow files found now (they are re-read on every call).</summary>
internal static class WorkflowEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/workflows", (string? all, WorkflowCatalog catalog, CancellationToken cancellationToken) =>
                Results.Json(WorkflowList.From(catalog.Discover(cancellationToken), QueryFlag.Read("all", all), Audience.Remote), ContractJson.Options))
            .WithName("ListWorkflows").WithSummary("The workflows that can be started; all=true adds the shadowed ones and the problems of the workflow files")
            .Produces<WorkflowList>().ApiProblems()
            .WithQuery(QueryParameter.Flag("all", "Also list the shadowed workflows, and every problem of the workflow files (as `workflows list --all`)."));
        api.MapGet("/workflows/{name}", (string name, WorkflowCatalog catalog, PluginCatalog plugins, CancellationToken cancellationToken) =>
            {
                var found = catalog.Discover(cancellationToken);
                var workflow = found.Find(name) ?? throw RunTargets.WorkflowNotFound(name);
                return Results.Json(WorkflowDetail.From(workflow, found, plugins), ContractJson.Options);
            })
            .WithName("GetWorkflow").WithSummary("One workflow in full: input, input schema, steps with their config and whether their plugins are loaded (as `workflows show NAME --json`)")
            .Produces<WorkflowDetail>().ApiProblems(404);
    }
}
