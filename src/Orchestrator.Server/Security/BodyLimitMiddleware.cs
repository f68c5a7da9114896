using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Security;

/// <summary>Applies <see cref="ServerOptions.MaxRequestBodyBytes"/> to every request: a declared larger body is refused at once, a streamed one when it passes the limit.</summary>
internal sealed class BodyLimitMiddleware(RequestDelegate next, IOptions<ServerOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, null,
                $"the request body is {context.Request.ContentLength} bytes; the limit is {limit} bytes (Server:MaxRequestBodyBytes)", []);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
