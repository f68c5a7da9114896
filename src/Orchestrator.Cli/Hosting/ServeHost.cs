using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Engine;
using Orchestrator.Plugins.DependencyInjection;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Execution;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Security;
using Orchestrator.Sidecar;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// The process of <c>orchestrator serve</c>: the REST API, the durable worker, the retention job, plugin hot reload, and
/// (unless an external address is given) an embedded sidecar. The server tests and benchmark start it the same way.
/// </summary>
public sealed class ServeHost : IAsyncDisposable
{
    /// <summary>The prefix of environment variables read as configuration (<c>ORCHESTRATOR_SERVER__APIKEYS__0</c>).</summary>
    public const string EnvironmentPrefix = "ORCHESTRATOR_";

    private readonly WebApplication _app;
    private readonly EmbeddedSidecar? _sidecar;
    private readonly ILoggerFactory _sidecarLogs;
    private int _disposed;

    private ServeHost(WebApplication app, EmbeddedSidecar? sidecar, ILoggerFactory sidecarLogs, IReadOnlyList<string> addresses, string sidecarAddress)
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
    /// <exception cref="HostStartException">A port is taken, the sidecar cannot start or be reached, or a setting is invalid.</exception>
    public static async Task<ServeHost> StartAsync(ServeHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logging = options.Logging ?? new CliLogging(LogProfile.Service, Verbose: false, Console.Error).Configure;
        var sidecarLogs = LoggerFactory.Create(logging);
        EmbeddedSidecar? sidecar = null;
        WebApplication? app = null;
        try
        {
            sidecar = options.SidecarAddress is null ? await EmbeddedSidecar.StartAsync(options.Sidecar, sidecarLogs, cancellationToken) : null;
            var sidecarAddress = options.SidecarAddress ?? sidecar!.Address;
            app = Build(options, sidecarAddress, sidecar?.InProcess, logging);
            await app.StartAsync(cancellationToken);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
            var keys = app.Services.GetRequiredService<ApiKeyStore>().IsEnabled ? "required" : "not configured";
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ServeHost>()
                .ServerListening(string.Join(", ", addresses), sidecar is null ? sidecarAddress : $"embedded, {options.Sidecar.Backend}", keys);
            return new ServeHost(app, sidecar, sidecarLogs, addresses, sidecarAddress);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await ReleaseAsync(app, sidecar, sidecarLogs);
            if (ex is SidecarException or IOException or InvalidOperationException or OptionsValidationException)
            {
                throw new HostStartException($"cannot start the server: {ex.Message}", ex);
            }

            throw;
        }
        catch
        {
            await ReleaseAsync(app, sidecar, sidecarLogs);
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

    private static async Task ReleaseAsync(WebApplication? app, EmbeddedSidecar? sidecar, ILoggerFactory sidecarLogs)
    {
        if (app is not null)
        {
            // The hosted services that did start (plugin watcher, retention, worker) are stopped, not just disposed,
            // so they end quietly instead of failing on a disposed channel.
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
            {
                await app.StopAsync(timeout.Token);
            }

            await app.DisposeAsync();
        }

        if (sidecar is not null)
        {
            await sidecar.DisposeAsync();
        }

        sidecarLogs.Dispose();
    }

    // serve keeps the workflows' schedules (docs/schedules.md#who-keeps-the-schedules); the caller's settings come after.
    private static Action<EngineOptions> KeepingSchedules(Action<EngineOptions>? then) => o =>
    {
        o.KeepSchedules = true;
        then?.Invoke(o);
    };

    private static WebApplication Build(ServeHostOptions options, string sidecarAddress, CallInvoker? inProcess, Action<ILoggingBuilder> logging)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Configuration.AddInMemoryCollection(OtlpExport.FromEnvironment());
        builder.Configuration.AddInMemoryCollection(options.Configuration);
        OtlpExport.AddWhenConfigured(builder);
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
        var engine = builder.Services.AddOrchestratorEngine(EngineRedelivery.From(options.SidecarAddress is null ? options.Sidecar : null, KeepingSchedules(options.Engine)));
        _ = inProcess is null ? engine.UseSidecar(sidecarAddress) : engine.UseSidecar(inProcess);
        builder.Services.AddOrchestratorServer(s => options.Server?.Invoke(s));
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(10));
        var app = builder.Build();
        try
        {
            // A bad Plugins setting (ORCHESTRATOR_PLUGINS__SANDBOX=maybe) fails here, before any hosted service starts.
            _ = app.Services.GetRequiredService<IOptions<PluginOptions>>().Value;
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }

        app.MapOrchestratorServer();
        return app;
    }
}
