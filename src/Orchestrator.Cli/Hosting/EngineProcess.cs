using Microsoft.Extensions.Logging;
using Orchestrator.Engine;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Schedules;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// The process of <c>run</c>, <c>runs</c> and <c>worker</c>: an engine host (client, and worker when asked) over a sidecar
/// that is either embedded in this process or running at an address. Disposing stops the engine, then the sidecar.
/// </summary>
internal sealed class EngineProcess : IAsyncDisposable
{
    private readonly EngineHost _engine;
    private readonly EmbeddedSidecar? _sidecar;
    private readonly ILoggerFactory _sidecarLogs;

    private EngineProcess(EngineHost engine, EmbeddedSidecar? sidecar, ILoggerFactory sidecarLogs, string sidecarAddress)
    {
        _engine = engine;
        _sidecar = sidecar;
        _sidecarLogs = sidecarLogs;
        SidecarAddress = sidecarAddress;
    }

    /// <summary>The sidecar the engine talks to.</summary>
    public string SidecarAddress { get; }

    /// <summary>Whether that sidecar runs inside this process.</summary>
    public bool IsSidecarEmbedded => _sidecar is not null;

    public RunService Runs => _engine.Runs;

    public ScheduleService Schedules => _engine.Schedules;

    /// <inheritdoc cref="EngineHost.WorkerRefused"/>
    public Task WorkerRefused => _engine.WorkerRefused;

    /// <summary>Starts the embedded sidecar (when there is one), then the engine; a failure stops what was started.</summary>
    public static async Task<EngineProcess> StartAsync(
        CliContext context, SidecarTarget target, EngineSettings settings, EngineWorker worker, CliLogging logging, Action<EngineOptions>? engine, CancellationToken cancellationToken)
    {
        var sidecarLogs = logging.CreateFactory();
        EmbeddedSidecar? sidecar = null;
        try
        {
            if (target.Embedded is { } embedded)
            {
                sidecar = target.OnConfiguredPort
                    ? await EmbeddedSidecar.ListenAsync(embedded, sidecarLogs, cancellationToken)
                    : await EmbeddedSidecar.StartAsync(embedded, sidecarLogs, cancellationToken);
            }

            var address = target.Address ?? sidecar!.Address;
            var host = await EngineHost.StartAsync(context, settings, address, sidecar?.InProcess, worker, logging, EngineRedelivery.From(target.Embedded, engine), cancellationToken);
            return new EngineProcess(host, sidecar, sidecarLogs, address);
        }
        catch
        {
            if (sidecar is not null)
            {
                await sidecar.DisposeAsync();
            }

            sidecarLogs.Dispose();
            throw;
        }
    }

    /// <summary>Completes when the process is asked to stop (SIGTERM, Ctrl+C).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _engine.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _engine.DisposeAsync();
        }
        finally
        {
            if (_sidecar is not null)
            {
                await _sidecar.DisposeAsync();
            }

            _sidecarLogs.Dispose();
        }
    }
}
