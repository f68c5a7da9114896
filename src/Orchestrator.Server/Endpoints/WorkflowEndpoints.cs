using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Engine.Workflows;
using Orchestrator.Server.Endpoints.Contracts;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary><c>GET /api/workflows</c>: the workflow files found now (they are re-read on every call).</summary>
internal static class WorkflowEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/workflows", (WorkflowCatalog catalog, CancellationToken cancellationToken) =>
            {
                var found = catalog.Discover(cancellationToken);
                var workflows = found.Workflows.Select(w => new WorkflowResponse(
                    w.Name,
                    w.Description,
                    w.Version,
                    [.. w.AllSteps.Select(s => s.RangeText == "*" ? s.Plugin : $"{s.Plugin}@{s.RangeText}")],
                    w.Retention?.TotalSeconds)).ToList();
                return Results.Json(new WorkflowListResponse(workflows, [.. found.Problems.Select(p => p.ToString())]), JsonBody.Options);
            })
            .WithName("ListWorkflows").WithSummary("The workflows that can be started, and problems of invalid workflow files")
            .Produces<WorkflowListResponse>().ApiProblems();
}
