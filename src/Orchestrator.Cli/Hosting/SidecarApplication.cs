using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Sidecar;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// The sidecar process: a web application that serves only the hardened Durable Task gRPC sidecar. <c>orchestrator
/// sidecar</c> runs it in the foreground; <see cref="EmbeddedSidecar"/> runs it inside <c>run</c>, <c>worker</c> and <c>serve</c>.
/// </summary>
internal static class SidecarApplication
{
    /// <summary>Creates (does not start) a sidecar application with exactly these options; they are validated when it starts.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="loggerFactory">Where logs go; none when <c>null</c>.</param>
    /// <param name="embedded">
    /// Whether it runs inside another command's process: then it does not stop on Ctrl+C or SIGTERM itself; its owner
    /// stops it after the engine that uses it, so the engine's calls in progress never find it gone.
    /// </param>
    public static WebApplication Create(SidecarOptions options, ILoggerFactory? loggerFactory = null, bool embedded = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SidecarServiceCollectionExtensions).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRouting();
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory ?? NullLoggerFactory.Instance));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        if (embedded)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, OwnedLifetime>());
        }

        builder.Services.AddOrchestratorSidecar(o => o.CopyFrom(options));
        var app = builder.Build();
        app.MapOrchestratorSidecar();
        return app;
    }

    /// <summary>
    /// Creates and starts a sidecar application. A port that cannot be bound and any other failure to start become a
    /// <see cref="SidecarException"/> that says what to do; nothing is left running.
    /// </summary>
    public static async Task<WebApplication> StartAsync(SidecarOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken, bool embedded = false)
    {
        if (SidecarBackends.Is(options.Backend, SidecarBackends.Sqlite) && !string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            // `runs list` with nothing else running holds the database for a moment; a service starting then waits for it.
            await DatabaseOwners.WaitWhileBriefAsync(options.DatabasePath, cancellationToken);
        }

        var app = Create(options, loggerFactory, embedded);
        try
        {
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw new SidecarException($"cannot listen on {options.Host}:{options.Port}: {ex.Message} Choose another --port (0 picks a free one).", ex);
        }
        catch (Exception ex) when (ex is not (SidecarException or OperationCanceledException))
        {
            await app.DisposeAsync();
            throw new SidecarException($"The sidecar could not start: {ex.Message}", ex);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The address the started application listens on, e.g. <c>http://127.0.0.1:4001</c>.</summary>
    public static string AddressOf(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    // Stops only when its owner stops it: no signal handling.
    private sealed class OwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
