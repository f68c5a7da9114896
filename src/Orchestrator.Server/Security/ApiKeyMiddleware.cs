using Microsoft.AspNetCore.Http;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Security;

/// <summary>Requires a valid API key on every <c>/api</c> request, and on <c>/metrics</c>, when keys are configured.</summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyStore keys)
{
    public const string HeaderName = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!keys.IsEnabled || !IsProtected(context.Request.Path))
        {
            await next(context);
            return;
        }

        var presented = Presented(context.Request);
        if (keys.Verify(presented))
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        var detail = presented is null
            ? $"this server requires an API key: send it in the {HeaderName} header or as 'Authorization: Bearer KEY'"
            : "the API key is not valid; check the key configured in Server:ApiKeys";
        await ApiProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", detail, []);
    }

    // The metrics name the workflows and plugins that run, which is as much for keyholders as the run list is.
    private static bool IsProtected(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(ServerMetrics.Path, StringComparison.OrdinalIgnoreCase);

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var key) && !string.IsNullOrEmpty(key))
        {
            return key.ToString();
        }

        var authorization = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? authorization[scheme.Length..].Trim() : null;
    }
}
