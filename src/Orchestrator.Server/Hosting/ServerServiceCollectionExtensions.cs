using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts;
using Orchestrator.Server.Dashboard;
using Orchestrator.Server.OpenApi;
using Orchestrator.Server.Security;

namespace Orchestrator.Server.Hosting;

/// <summary>DI registration of the REST API.</summary>
public static class ServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the API's options (bound from the <c>Server</c> section, validated on start), the API key store and the
    /// OpenAPI document, the engine's metrics for <c>/metrics</c>. Needs the engine (<c>AddOrchestratorEngine</c>) and plugins (<c>AddOrchestratorPlugins</c>).
    /// </summary>
    public static IServiceCollection AddOrchestratorServer(this IServiceCollection services, Action<ServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.MaxRequestBodyBytes > 0, "Server:MaxRequestBodyBytes must be positive.")
            .Validate(o => o.EventPollInterval > TimeSpan.Zero && o.ReadinessTimeout > TimeSpan.Zero, "Server:EventPollInterval and Server:ReadinessTimeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<DashboardAssets>();

        // The OpenAPI document is generated from these options: with the contracts' conventions it describes the JSON
        // the endpoints really write (they write with ContractJson.Options).
        services.ConfigureHttpJsonOptions(o => ContractJson.Configure(o.SerializerOptions));
        // A lambda, not a method group: the OpenAPI source generator adds the descriptions from the XML comments by
        // intercepting this call, and a method group argument is not intercepted.
        services.AddOpenApi(o => OpenApiDocumentSetup.Configure(o));
        ServerMetrics.Add(services);
        return services;
    }
}
