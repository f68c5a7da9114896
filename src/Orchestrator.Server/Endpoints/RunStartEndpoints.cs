using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Runs;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Workflows;
using Orchestrator.Plugins.Execution;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary>Starting runs: of a workflow, of a plugin, idempotently under a client-chosen id, and as a retry of a run.</summary>
internal static class RunStartEndpoints
{
    private const string StartExample = """{"input": {...}, "config": {"key": "value"}, "run_id": "optional-id"}""";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/workflows/{name}/runs", StartWorkflowAsync)
            .WithName("StartWorkflowRun").WithSummary("Start a run of a workflow")
            .Accepts<StartRunBody>(isOptional: true, "application/json").Produces<RunRecord>(201).Produces<RunRecord>(200).ApiProblems(400, 404, 409, 413);
        api.MapPost("/plugins/{name}/runs", StartPluginAsync)
            .WithName("StartPluginRun").WithSummary("Start a run of a plugin")
            .Accepts<StartRunBody>(isOptional: true, "application/json").Produces<RunRecord>(201).Produces<RunRecord>(200).ApiProblems(400, 404, 409, 413);
        api.MapPut("/runs/{id}", PutAsync)
            .WithName("PutRun").WithSummary("Start a run under this id, or return it when the same request already started it")
            .Accepts<PutRunBody>("application/json").Produces<RunRecord>(201).Produces<RunRecord>(200).ApiProblems(400, 404, 409, 413);
        api.MapPost("/runs/{id}/retry", RetryAsync)
            .WithName("RetryRun").WithSummary("Start a new run that retries a failed or terminated run from the phase it stopped at (or 'from'), taking over the phases before it (409 for a run in another state)")
            .Accepts<RetryRunBody>(isOptional: true, "application/json").Produces<RunRecord>(201).ApiProblems(400, 404, 409, 413);
    }

    private static async Task<IResult> RetryAsync(string id, HttpRequest request, RunService runs, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RetryRunBody>(request, cancellationToken) ?? new RetryRunBody();
        var retry = new RetryRequest
        {
            RunId = id,
            From = body.From,
            Config = body.Config?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, JsonElement>.Empty,
            PluginVersion = body.PluginVersion,
        };
        var retryId = await runs.RetryAsync(retry, cancellationToken);
        var run = await runs.GetAsync(retryId, cancellationToken) ?? throw runs.RunNotFound(retryId);
        request.HttpContext.Response.Headers.Location = $"/api/runs/{Uri.EscapeDataString(retryId)}";
        return Results.Json(run, ContractJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> StartWorkflowAsync(string name, HttpRequest request, WorkflowCatalog workflows, RunService runs, CancellationToken cancellationToken)
    {
        RunTargets.RequireWorkflow(workflows, name, cancellationToken);

        var body = await JsonBody.ReadAsync<StartRunBody>(request, cancellationToken) ?? new StartRunBody();
        return await StartAsync((name, RunTargetKind.Workflow), body.RunId, body.Input, body.Config, body.AutoApprove, runs, request.HttpContext.Response, cancellationToken);
    }

    private static async Task<IResult> StartPluginAsync(string name, HttpRequest request, IPluginCatalog catalog, RunService runs, CancellationToken cancellationToken)
    {
        RunTargets.RequirePlugin(catalog, name);

        var body = await JsonBody.ReadAsync<StartRunBody>(request, cancellationToken) ?? new StartRunBody();
        return await StartAsync((name, RunTargetKind.Plugin), body.RunId, body.Input, body.Config, body.AutoApprove, runs, request.HttpContext.Response, cancellationToken);
    }

    private static async Task<IResult> PutAsync(
        string id, HttpRequest request, WorkflowCatalog workflows, IPluginCatalog catalog, RunService runs, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadRequiredAsync<PutRunBody>(request, """{"workflow": "name"} or {"plugin": "name"}""", cancellationToken);
        (string, RunTargetKind) target;
        switch (body.Workflow, body.Plugin)
        {
            case ({ } workflow, null):
                RunTargets.RequireWorkflow(workflows, workflow, cancellationToken);
                target = (workflow, RunTargetKind.Workflow);
                break;
            case (null, { } plugin):
                RunTargets.RequirePlugin(catalog, plugin);
                target = (plugin, RunTargetKind.Plugin);
                break;
            default:
                throw new ApiProblemException(StatusCodes.Status400BadRequest, "give exactly one of 'workflow' and 'plugin' to say what the run starts");
        }

        return await StartAsync(target, id, body.Input, body.Config, body.AutoApprove, runs, request.HttpContext.Response, cancellationToken);
    }

    private static async Task<IResult> StartAsync(
        (string Name, RunTargetKind Kind) target, string? runId, JsonElement? input, Dictionary<string, JsonElement>? config,
        bool autoApprove, RunService runs, HttpResponse response, CancellationToken cancellationToken)
    {
        if (runId is not null && RunIds.Problem(runId) is { } problem)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, problem, [problem]);
        }

        var request = new RunRequest
        {
            Target = target.Name,
            TargetKind = target.Kind,
            RunId = runId,
            Input = input,
            Config = config?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, JsonElement>.Empty,
            AutoApprove = autoApprove,
        };
        var start = await runs.StartIdempotentAsync(request, cancellationToken);
        if (!start.Created)
        {
            return Results.Json(start.Run, ContractJson.Options);
        }

        response.Headers.Location = $"/api/runs/{Uri.EscapeDataString(start.Run.RunId)}";
        return Results.Json(start.Run, ContractJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
