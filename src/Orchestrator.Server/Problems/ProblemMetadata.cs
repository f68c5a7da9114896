using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestrator.Contracts.Problems;

namespace Orchestrator.Server.Problems;

/// <summary>Declares in the OpenAPI document which problem statuses a route answers with, as <see cref="ApiProblem"/> bodies.</summary>
internal static class ProblemMetadata
{
    /// <summary>The given statuses, and those every <c>/api</c> route can answer: 401 (API key) and 500.</summary>
    public static RouteHandlerBuilder ApiProblems(this RouteHandlerBuilder builder, params int[] statuses) =>
        builder.Problems([.. statuses, StatusCodes.Status401Unauthorized, StatusCodes.Status500InternalServerError]);

    /// <summary>Exactly the given statuses.</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<ApiProblem>(status, Server.Problems.ApiProblems.ContentType);
        }

        return builder;
    }
}
