using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Plans;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Workflows;
using Orchestrator.Plugins.Execution;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary>Planning a run: everything a start checks, and what the run would do, with nothing scheduled (docs/rest-api.md#routes).</summary>
internal static class PlanEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/workflows/{name}/plan", PlanWorkflowAsync)
            .WithName("PlanWorkflowRun").WithSummary("Check a run of a workflow and show what it would do, without starting it")
            .Accepts<PlanBody>(isOptional: true, "application/json").Produces<RunPlanResult>(200).ApiProblems(400, 404, 413);
        api.MapPost("/plugins/{name}/plan", PlanPluginAsync)
            .WithName("PlanPluginRun").WithSummary("Check a run of a plugin and show what it would do, without starting it")
            .Accepts<PlanBody>(isOptional: true, "application/json").Produces<RunPlanResult>(200).ApiProblems(400, 404, 413);
    }

    private static async Task<IResult> PlanWorkflowAsync(string name, HttpRequest request, WorkflowCatalog workflows, RunPlanner planner, CancellationToken cancellationToken)
    {
        RunTargets.RequireWorkflow(workflows, name, cancellationToken);

        return await PlanAsync(name, RunTargetKind.Workflow, request, planner, cancellationToken);
    }

    private static async Task<IResult> PlanPluginAsync(string name, HttpRequest request, IPluginCatalog catalog, RunPlanner planner, CancellationToken cancellationToken)
    {
        RunTargets.RequirePlugin(catalog, name);

        return await PlanAsync(name, RunTargetKind.Plugin, request, planner, cancellationToken);
    }

    private static async Task<IResult> PlanAsync(string name, RunTargetKind kind, HttpRequest request, RunPlanner planner, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<PlanBody>(request, cancellationToken) ?? new PlanBody();
        var plan = planner.Plan(
            new RunRequest
            {
                Target = name,
                TargetKind = kind,
                Input = body.Input,
                Config = body.Config?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, JsonElement>.Empty,
                AutoApprove = body.AutoApprove,
            },
            cancellationToken);
        return Results.Json(RunPlanResult.From(plan), ContractJson.Options);
    }
}
