using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Problems;

namespace Orchestrator.Server.Problems;

/// <summary>Writes problem details (<c>application/problem+json</c>).</summary>
public static class ApiProblems
{
    public const string ContentType = "application/problem+json";

    /// <summary>Writes a problem as the whole response.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string? title, string detail, IEnumerable<string> errors)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = new ApiProblem(
            ApiProblem.BlankType, title ?? ReasonPhrases.GetReasonPhrase(status), status, detail, context.Request.Path.Value, [.. errors]);
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, problem, ContractJson.Options, context.RequestAborted);
    }
}
