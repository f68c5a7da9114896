using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Abstractions;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Schedules;
using Orchestrator.Engine.Schedules;
using Orchestrator.Server.OpenApi;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary>The workflows' schedules (docs/schedules.md): list, pause, resume, trigger.</summary>
internal static class ScheduleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/schedules", async (ScheduleService schedules, CancellationToken ct) =>
                Results.Json(new ScheduleList([.. await schedules.ListAsync(ct)]), ContractJson.Options))
            .WithName("ListSchedules").WithSummary("The schedules kept now: cron, time zone, overlap, catchup, paused, next fire, last run and its status")
            .Produces<ScheduleList>().ApiProblems();
        api.MapPost("/schedules/{workflow}/pause", (string workflow, ScheduleService schedules, CancellationToken ct) =>
                AcceptedAsync(() => schedules.PauseAsync(workflow, ct)))
            .WithName("PauseSchedule").WithSummary("Stop the schedule's fires until it is resumed; runs going now go on (409 when it is paused already)")
            .Produces<ScheduleInfo>(202).ApiProblems(404, 409);
        api.MapPost("/schedules/{workflow}/resume", (string workflow, ScheduleService schedules, CancellationToken ct) =>
                AcceptedAsync(() => schedules.ResumeAsync(workflow, ct)))
            .WithName("ResumeSchedule").WithSummary("Let a paused schedule fire again from now on; the fires it missed while paused are not caught up (409 when it is not paused)")
            .Produces<ScheduleInfo>(202).ApiProblems(404, 409);
        api.MapPost("/schedules/{workflow}/trigger", async (string workflow, ScheduleService schedules, CancellationToken ct) =>
                Results.Json(new ScheduleTrigger(workflow, await schedules.TriggerAsync(workflow, ct)), ContractJson.Options, statusCode: StatusCodes.Status202Accepted))
            .WithName("TriggerSchedule").WithSummary("Start a run of the schedule now (also while paused); its id names the time of the trigger")
            .Produces<ScheduleTrigger>(202).ApiProblems(404);
    }

    private static async Task<IResult> AcceptedAsync(Func<Task<ScheduleInfo>> action)
    {
        try
        {
            return Results.Json(await action(), ContractJson.Options, statusCode: StatusCodes.Status202Accepted);
        }
        catch (OrchestratorException ex) when (ex is not ScheduleNotFoundException)
        {
            throw new ApiProblemException(StatusCodes.Status409Conflict, ex.Message);
        }
    }
}
