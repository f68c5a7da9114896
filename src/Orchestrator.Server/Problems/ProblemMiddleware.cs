using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Engine.Runs;
using Orchestrator.Plugins.Registry;
using Orchestrator.Server.Endpoints;

namespace Orchestrator.Server.Problems;

/// <summary>
/// Turns failures into problem details. Known failures keep their message (written for the user); anything else
/// becomes a bare 500 whose details stay in the log, so no exception text, path or environment value leaks.
/// </summary>
internal sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            var (status, detail, errors) = Map(ex);
            if (status == StatusCodes.Status500InternalServerError)
            {
                logger.UnhandledError(context.Request.Method, context.Request.Path.Value ?? string.Empty, ex);
            }

            context.Response.Clear();
            await ApiProblems.WriteAsync(context, status, null, detail, errors);
        }
    }

    private static (int Status, string Detail, IReadOnlyList<string> Errors) Map(Exception ex) => ex switch
    {
        ApiProblemException problem => (problem.Status, problem.Message, problem.Errors),
        RunRequestException request => (StatusCodes.Status400BadRequest, $"cannot {request.Action} '{request.Target}': {request.Problems.Length} problem(s); see errors", request.Problems),
        InvalidValueException invalid => (StatusCodes.Status400BadRequest, invalid.Message, invalid.Problems),
        RunNotFoundException or PluginNotFoundException => (StatusCodes.Status404NotFound, ex.Message, []),
        RunConflictException => (StatusCodes.Status409Conflict, ex.Message, []),
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
            (bad.StatusCode, "the request body is larger than the limit (Server:MaxRequestBodyBytes); send a smaller body", []),
        BadHttpRequestException bad => (bad.StatusCode, "the request could not be read: " + bad.Message, []),
        JsonException json => (StatusCodes.Status400BadRequest, JsonBody.Describe(json), []),
        _ => (StatusCodes.Status500InternalServerError, "an internal error occurred; the server log has the details", []),
    };
}
