using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Workflows;
using Orchestrator.Engine.Workflows;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary><c>GET /api/workflows</c>: the workflow files found now (they are re-read on every call).</summary>
internal static class WorkflowEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/workflows", (WorkflowCatalog catalog, CancellationToken cancellationToken) =>
                Results.Json(WorkflowList.From(catalog.Discover(cancellationToken), Audience.Remote), ContractJson.Options))
            .WithName("ListWorkflows").WithSummary("The workflows that can be started, and problems of invalid workflow files")
            .Produces<WorkflowList>().ApiProblems();
}
