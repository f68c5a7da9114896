using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Security;

/// <summary>
/// Refuses (403) a state-changing request a browser sends for a page of another origin, with or without API keys: a
/// keyless server on loopback would otherwise let any web page the user opens start, approve or terminate runs with a
/// form post that needs no preflight (docs/rest-api.md#browser-requests). Clients that are not browsers send neither
/// <c>Sec-Fetch-Site</c> nor <c>Origin</c> and are not affected.
/// </summary>
internal sealed class BrowserOriginMiddleware(RequestDelegate next, IOptions<ServerOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
            || Refusal(context.Request) is not { } reason)
        {
            await next(context);
            return;
        }

        await ApiProblems.WriteAsync(
            context,
            StatusCodes.Status403Forbidden,
            "Cross-site request refused",
            $"{reason}: this server takes {context.Request.Method} requests from browsers only for pages of its own origin ({OwnOrigin(context.Request)}); "
                + "add the page's origin to Server:AllowedOrigins to let it in",
            []);
    }

    private string? Refusal(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && options.Value.AllowedOrigins.Any(a => string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        if (origin.Length > 0 && !string.Equals(origin, OwnOrigin(request), StringComparison.OrdinalIgnoreCase))
        {
            return origin == "null" ? "the request comes from a page of an opaque origin ('null')" : $"the request comes from a page of '{origin}'";
        }

        // same-site is another origin too (another port of localhost); 'none' is the user's own action (address bar).
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length > 0 && !site.Equals("same-origin", StringComparison.OrdinalIgnoreCase) && !site.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? $"the browser says the request is {site} (Sec-Fetch-Site)"
            : null;
    }

    private static string OwnOrigin(HttpRequest request) => $"{request.Scheme}://{request.Host.Value}";
}
