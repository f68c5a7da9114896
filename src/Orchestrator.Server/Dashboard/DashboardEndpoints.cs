using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Dashboard;

/// <summary>
/// The web dashboard: the pages <c>/</c>, <c>/runs/{id}</c>, <c>/plugins</c>, <c>/plugins/{name}</c> and
/// <c>/workflows</c>, and their files under <c>/dashboard/</c>. They hold no data: the scripts read everything from
/// <c>/api</c> with the API key the user gives, so the key checks of the API are the dashboard's (docs/dashboard.md#api-keys).
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>The path the dashboard's files are served under.</summary>
    public const string AssetPath = "/dashboard";

    // Only this server's own scripts, styles and API: no inline script, no other host, not framed by other sites.
    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var page in (string[])["/", "/runs/{id}", "/plugins", "/plugins/{name}", "/workflows"])
        {
            app.MapGet(page, (HttpContext context, DashboardAssets assets) => Serve(context, assets.Page)).ExcludeFromDescription();
        }

        app.MapGet(AssetPath + "/{**file}", (string? file, HttpContext context, DashboardAssets assets) =>
                file is not (null or "index.html") && assets.Find(file) is { } asset ? Serve(context, asset) : NotFound(file ?? string.Empty))
            .ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext context, DashboardAsset asset)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        return context.Request.Headers.IfNoneMatch == asset.ETag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(asset.Content, asset.ContentType);
    }

    private static IResult NotFound(string file) =>
        throw new ApiProblemException(StatusCodes.Status404NotFound, $"the dashboard has no file '{file}'");
}
