using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestrator.Server.Dashboard;
using Orchestrator.Server.Endpoints;
using Orchestrator.Server.Problems;
using Orchestrator.Server.Security;
using Scalar.AspNetCore;

namespace Orchestrator.Server.Hosting;

/// <summary>The REST API's middleware and routes.</summary>
public static class ServerApplicationExtensions
{
    /// <summary>The interactive API page.</summary>
    public const string ApiPagePath = "/scalar";

    /// <summary>
    /// Problem details for every failure, cross-site browser requests refused, API keys and the body limit on <c>/api</c> (keys on <c>/metrics</c> too), the routes under <c>/api</c>,
    /// <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>, the dashboard (<c>/</c>, docs/dashboard.md), the OpenAPI document at <c>/openapi/v1.json</c> and the API page at <c>/scalar</c>.
    /// </summary>
    public static WebApplication MapOrchestratorServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<ProblemMiddleware>();
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var detail = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"no route {http.Request.Path}; the routes are listed at /openapi/v1.json",
                StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {http.Request.Path}",
                _ => "the request failed",
            };
            await ApiProblems.WriteAsync(http, http.Response.StatusCode, null, detail, []);
        });
        app.UseMiddleware<BrowserOriginMiddleware>();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseMiddleware<BodyLimitMiddleware>();

        var api = app.MapGroup("/api");
        RunStartEndpoints.Map(api);
        PlanEndpoints.Map(api);
        RunEndpoints.Map(api);
        WorkflowEndpoints.Map(api);
        PluginEndpoints.Map(api);
        ScheduleEndpoints.Map(api);
        ArtifactEndpoints.Map(api);
        DashboardEndpoints.Map(app);
        HealthEndpoints.Map(app);
        ServerMetrics.Map(app);
        app.MapOpenApi();
        app.MapScalarApiReference(ApiPagePath);
        return app;
    }
}
