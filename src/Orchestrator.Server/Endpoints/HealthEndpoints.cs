using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts;
using Orchestrator.Plugins.Execution;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (plugins loaded, sidecar reachable); no API key needed.</summary>
internal static class HealthEndpoints
{
    private const string ProbeInstance = "orchestrator-readiness-probe";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Json(new HealthStatus("ok", null), ContractJson.Options))
            .WithName("Health").WithSummary("The process is up").Produces<HealthStatus>().Problems(500);
        app.MapGet("/readyz", ReadyAsync)
            .WithName("Ready").WithSummary("Plugins are loaded and the sidecar answers; 503 problem otherwise")
            .Produces<HealthStatus>().Problems(500, 503);
    }

    private static async Task<IResult> ReadyAsync(
        IHostApplicationLifetime lifetime, IPluginCatalog catalog, DurableTaskClient client, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            errors.Add("the server is still starting: plugins are being loaded");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ReadinessTimeout);
        try
        {
            await client.GetInstanceAsync(ProbeInstance, timeout.Token);
        }
        catch (Exception ex) when (ex is Grpc.Core.RpcException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            errors.Add($"the Durable Task sidecar did not answer within {options.Value.ReadinessTimeout.TotalSeconds:0.#} s");
        }

        if (errors.Count > 0)
        {
            throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "not ready: " + string.Join("; ", errors), errors);
        }

        return Results.Json(new HealthStatus("ready", catalog.List().Length), ContractJson.Options);
    }
}
