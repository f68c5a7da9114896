using DurableTask.Core;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Sidecar.Backends;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Sidecar.Hardening;
using Orchestrator.Sidecar.Hosting;
using Orchestrator.Sidecar.InProcess;

namespace Orchestrator.Sidecar;

/// <summary>Registers the hardened Durable Task gRPC sidecar.</summary>
public static class SidecarServiceCollectionExtensions
{
    /// <summary>
    /// Adds the sidecar: options from the <c>Sidecar</c> configuration section (validated on start), the backend,
    /// the hardened gRPC server, Kestrel on the configured address (HTTP/2 only) and a bounded shutdown.
    /// Map it with <see cref="MapOrchestratorSidecar"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes applied after configuration binding.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOrchestratorSidecar(this IServiceCollection services, Action<SidecarOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<SidecarOptions>().BindConfiguration(SidecarOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<SidecarOptions>, SidecarOptionsValidator>();
        services.AddGrpc();
        services.AddSingleton(sp => SidecarBackend.Create(sp.GetRequiredService<IOptions<SidecarOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<SidecarBackend>().Service);
        services.AddSingleton(sp => sp.GetRequiredService<SidecarBackend>().Client);
        services.Configure<TaskHubGrpcServerOptions>(o => o.Mode = TaskHubGrpcServerMode.ApiServerAndDispatcher);
        services.AddSingleton<HardenedTaskHubGrpcServer>();
        services.AddHostedService<SidecarStartup>();
        services.AddSingleton<InProcessCalls>();
        services.AddHostedService(sp => sp.GetRequiredService<InProcessCalls>());
        services.AddOptions<HostOptions>()
            .Configure<IOptions<SidecarOptions>>((host, sidecar) => host.ShutdownTimeout = sidecar.Value.ShutdownTimeout);
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<SidecarOptions>>((kestrel, sidecar) =>
            {
                // Pings find a worker whose machine vanished without closing the connection, so its stream ends
                // and its work items are redelivered (docs/sidecar.md#1-a-worker-crash-hangs-the-run) instead of waiting for TCP to give up.
                kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(10);
                kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
                var address = SidecarAddress.TryParseHost(sidecar.Value.Host);
                if (address is not null)
                {
                    kestrel.Listen(address, sidecar.Value.Port, listen => listen.Protocols = HttpProtocols.Http2);
                }
            });
        return services;
    }

    /// <summary>
    /// A call invoker for Durable Task clients and workers in the sidecar's own process: it calls the sidecar's service
    /// directly, without HTTP/2, sockets or serialization (docs/sidecar.md#in-process-calls). Requests keep gRPC's size
    /// limit; once the sidecar has stopped, calls fail with <see cref="StatusCode.Unavailable"/>.
    /// </summary>
    /// <param name="sidecarServices">The services of the application <see cref="AddOrchestratorSidecar"/> was added to.</param>
    /// <returns>The invoker; one serves any number of clients and workers.</returns>
    public static CallInvoker CreateInProcessInvoker(this IServiceProvider sidecarServices)
    {
        ArgumentNullException.ThrowIfNull(sidecarServices);
        return new InProcessCallInvoker(
            sidecarServices.GetRequiredService<HardenedTaskHubGrpcServer>(),
            sidecarServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped,
            sidecarServices.GetRequiredService<IOptions<GrpcServiceOptions>>().Value.MaxReceiveMessageSize,
            sidecarServices.GetRequiredService<InProcessCalls>());
    }

    /// <summary>Maps the sidecar's gRPC service.</summary>
    /// <param name="endpoints">The endpoint builder.</param>
    /// <returns>The gRPC endpoint convention builder.</returns>
    public static GrpcServiceEndpointConventionBuilder MapOrchestratorSidecar(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<HardenedTaskHubGrpcServer>();
}
