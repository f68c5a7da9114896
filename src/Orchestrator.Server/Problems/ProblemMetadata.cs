using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.Server.Problems;

/// <summary>Declares in the OpenAPI document which problem statuses a route answers with.</summary>
internal static class ProblemMetadata
{
    public static RouteHandlerBuilder ApiProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status401Unauthorized))
        {
            builder.ProducesProblem(status, Problems.ApiProblems.ContentType);
        }

        return builder;
    }
}
