using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Engine;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.DependencyInjection;
using Orchestrator.Server.Security;
using Orchestrator.Sidecar.Hosting;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// One process serving everything: the REST API, the durable worker, the retention job, plugin hot reload, and (unless
/// an external address is given) the sidecar.
/// </summary>
public sealed class OrchestratorServerHost : IAsyncDisposable
{
    /// <summary>The prefix of environment variables read as configuration (<c>ORCHESTRATOR_SERVER__APIKEYS__0</c>).</summary>
    public const string EnvironmentPrefix = "ORCHESTRATOR_";

    private readonly WebApplication _app;
    private readonly EmbeddedSidecar? _sidecar;
    private readonly ILoggerFactory _sidecarLogs;
    private int _disposed;

    private OrchestratorServerHost(WebApplication app, EmbeddedSidecar? sidecar, ILoggerFactory sidecarLogs, IReadOnlyList<string> addresses, string sidecarAddress)
    {
        _app = app;
        _sidecar = sidecar;
        _sidecarLogs = sidecarLogs;
        Addresses = addresses;
        SidecarAddress = sidecarAddress;
    }

    /// <summary>The addresses the API listens on, with the real ports.</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>The first listening address, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public Uri BaseAddress => new(Addresses[0]);

    /// <summary>The sidecar the worker and client use.</summary>
    public string SidecarAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Completes when the host has been asked to stop (SIGTERM, Ctrl+C or <see cref="DisposeAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Starts the sidecar (when embedded), then the API and worker; everything is stopped again when a step fails.</summary>
    public static async Task<OrchestratorServerHost> StartAsync(ServerHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logging = options.Logging ?? DefaultLogging;
        var sidecarLogs = LoggerFactory.Create(logging);
        EmbeddedSidecar? sidecar = null;
        WebApplication? app = null;
        try
        {
            sidecar = options.SidecarAddress is null ? await EmbeddedSidecar.StartAsync(options.Sidecar, sidecarLogs, cancellationToken) : null;
            var sidecarAddress = options.SidecarAddress ?? sidecar!.Address;
            app = Build(options, sidecarAddress, logging);
            await app.StartAsync(cancellationToken);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
            var keys = app.Services.GetRequiredService<ApiKeyStore>().IsEnabled ? "required" : "not configured";
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<OrchestratorServerHost>()
                .Listening(string.Join(", ", addresses), sidecar is null ? sidecarAddress : $"embedded, {options.Sidecar.Backend}", keys);
            return new OrchestratorServerHost(app, sidecar, sidecarLogs, addresses, sidecarAddress);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (sidecar is not null)
            {
                await sidecar.DisposeAsync();
            }

            sidecarLogs.Dispose();
            throw;
        }
    }

    /// <summary>Stops the API and the worker, then the embedded sidecar.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
            if (_sidecar is not null)
            {
                await _sidecar.DisposeAsync();
            }

            _sidecarLogs.Dispose();
        }
    }

    private static WebApplication Build(ServerHostOptions options, string sidecarAddress, Action<ILoggingBuilder> logging)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Configuration.AddInMemoryCollection(options.Configuration);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.ClearProviders();
        logging(builder.Logging);
        builder.Services.AddOrchestratorPlugins(p =>
        {
            p.Discovery = options.Discovery ?? DiscoveryOptions.FromProcess(options.PluginPaths);
            if (options.BuiltIns is { } builtIns)
            {
                p.BuiltIns = builtIns;
            }

            p.WatchForChanges = options.WatchPlugins;
        });
        builder.Services.AddOrchestratorEngine(e => options.Engine?.Invoke(e)).UseSidecar(sidecarAddress);
        builder.Services.AddOrchestratorServer(s => options.Server?.Invoke(s));
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(10));
        var app = builder.Build();
        app.MapOrchestratorServer();
        return app;
    }

    private static void DefaultLogging(ILoggingBuilder logging) => logging
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        })
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("DurableTask", LogLevel.Warning)
        .AddFilter("Grpc", LogLevel.Warning);
}
