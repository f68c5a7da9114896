using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Abstractions;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Runs;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Runs;
using Orchestrator.Server.OpenApi;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary>Reading runs and acting on them: get, list, approve, reject, custom events, terminate, suspend, resume, purge.</summary>
internal static class RunEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/runs/{id}", GetAsync)
            .WithName("GetRun").WithSummary("A run: status, progress (current and completed phases, errors), shared data, artifacts")
            .Produces<RunRecord>().ApiProblems(404);
        api.MapGet("/runs", RunListQuery.ListAsync)
            .WithName("ListRuns").WithSummary("Runs, newest first: filter by status, workflow, plugin, created_from/created_to; paged by continuation_token")
            .Produces<RunList>().ApiProblems(400).WithQuery(RunListQuery.Parameters);
        api.MapPost("/runs/{id}/approve", ApproveAsync)
            .WithName("ApproveRun").WithSummary("Approve the approval phase waiting now (409 when none waits, or another than the one named)")
            .Accepts<ApproveBody>(isOptional: true, "application/json").Produces<RunRecord>(202).ApiProblems(400, 404, 409, 413);
        api.MapPost("/runs/{id}/reject", RejectAsync)
            .WithName("RejectRun").WithSummary("Reject the approval phase waiting now; the run fails with the reason (409 when none waits, or another than the one named)")
            .Accepts<RejectBody>("application/json").Produces<RunRecord>(202).ApiProblems(400, 404, 409, 413);
        api.MapPost("/runs/{id}/events/{name}", RaiseAsync)
            .WithName("RaiseRunEvent").WithSummary("Send a custom event (any JSON body is its payload); 'approve' and 'reject' are not custom events (400)")
            .Accepts<JsonElement>(isOptional: true, "application/json").Produces<RunRecord>(202).ApiProblems(400, 404, 409, 413);
        api.MapPost("/runs/{id}/terminate", (string id, HttpRequest request, RunService runs, CancellationToken ct) =>
                ActAsync(id, request, runs, (reason, c) => runs.TerminateAsync(id, reason, c), ct))
            .WithName("TerminateRun").WithSummary("Terminate the run")
            .Accepts<ReasonBody>(isOptional: true, "application/json").Produces<RunRecord>(202).ApiProblems(400, 404, 409, 413);
        api.MapPost("/runs/{id}/suspend", (string id, HttpRequest request, RunService runs, CancellationToken ct) =>
                ActAsync(id, request, runs, (reason, c) => runs.SuspendAsync(id, reason, c), ct))
            .WithName("SuspendRun").WithSummary("Suspend the run")
            .Accepts<ReasonBody>(isOptional: true, "application/json").Produces<RunRecord>(202).ApiProblems(400, 404, 409, 413);
        api.MapPost("/runs/{id}/resume", (string id, HttpRequest request, RunService runs, CancellationToken ct) =>
                ActAsync(id, request, runs, (reason, c) => runs.ResumeAsync(id, reason, c), ct))
            .WithName("ResumeRun").WithSummary("Resume a suspended run")
            .Accepts<ReasonBody>(isOptional: true, "application/json").Produces<RunRecord>(202).ApiProblems(400, 404, 409, 413);
        api.MapDelete("/runs/{id}", PurgeAsync)
            .WithName("PurgeRun").WithSummary("Purge a finished run: its history and workspace (409 while it runs)")
            .Produces(204).ApiProblems(404, 409);
        RunEventStream.Map(api);
    }

    private static async Task<IResult> GetAsync(string id, RunService runs, CancellationToken cancellationToken) =>
        Results.Json(await runs.GetAsync(id, cancellationToken) ?? throw runs.RunNotFound(id), ContractJson.Options);

    private static async Task<IResult> ApproveAsync(string id, HttpRequest request, RunService runs, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ApproveBody>(request, cancellationToken) ?? new ApproveBody();
        return await SignalAsync(id, runs, c => runs.ApproveAsync(id, body.Phase, body.Payload, c), cancellationToken);
    }

    private static async Task<IResult> RejectAsync(string id, HttpRequest request, RunService runs, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RejectBody>(request, cancellationToken);
        if (string.IsNullOrWhiteSpace(body?.Reason))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, """a reason is required: {"reason": "why the phase is rejected"}""");
        }

        return await SignalAsync(id, runs, c => runs.RejectAsync(id, body.Phase, body.Reason, c), cancellationToken);
    }

    private static async Task<IResult> RaiseAsync(string id, string name, HttpRequest request, RunService runs, CancellationToken cancellationToken)
    {
        if (OrchestrationNames.IsGateEvent(name))
        {
            throw new ApiProblemException(
                StatusCodes.Status400BadRequest, $"'{name}' is not a custom event: POST /api/runs/{{id}}/{name} decides the approval phase waiting now");
        }

        var payload = await JsonBody.ReadValueAsync(request, cancellationToken);
        return await SignalAsync(id, runs, c => runs.RaiseEventAsync(id, name, payload, c), cancellationToken);
    }

    private static async Task<IResult> ActAsync(
        string id, HttpRequest request, RunService runs, Func<string?, CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ReasonBody>(request, cancellationToken);
        return await SignalAsync(id, runs, c => action(body?.Reason, c), cancellationToken);
    }

    private static async Task<IResult> PurgeAsync(string id, RunService runs, CancellationToken cancellationToken)
    {
        await Conflicts(() => runs.PurgeAsync(id, cancellationToken));
        return Results.NoContent();
    }

    /// <summary>Sends the signal and answers 202 with the run as it is now (the orchestration reacts asynchronously).</summary>
    private static async Task<IResult> SignalAsync(string id, RunService runs, Func<CancellationToken, Task> signal, CancellationToken cancellationToken)
    {
        await Conflicts(() => signal(cancellationToken));
        var run = await runs.GetAsync(id, cancellationToken) ?? throw runs.RunNotFound(id);
        return Results.Json(run, ContractJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The run service refuses actions that do not fit the run's state (already finished, still running): 409.</summary>
    private static async Task Conflicts(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (OrchestratorException ex) when (ex is not RunNotFoundException)
        {
            throw new ApiProblemException(StatusCodes.Status409Conflict, ex.Message);
        }
    }
}
