using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Hosting;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Sidecar.Tests.Infrastructure;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>One embedded sidecar on one backend with an in-process worker and client, shared by a conformance class.</summary>
public abstract class BackendFixture : IAsyncLifetime
{
    private readonly TempDirectory _marks = new("orch-marks-");
    private readonly ILoggerFactory _loggerFactory;
    private EmbeddedSidecar? _sidecar;
    private WorkerHost? _worker;

    protected BackendFixture() =>
        _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));

    /// <summary>Where activities record their executions.</summary>
    public string MarksDir => _marks.Path;

    internal DurableTaskClient Client => _worker?.Client ?? throw new InvalidOperationException("The fixture is not started.");

    /// <summary>The shared sidecar's log lines, counted by what they mention.</summary>
    internal LogCounter Logs { get; } = new();

    /// <summary>
    /// Whether the backend hands the sidecar work for an instance that no longer exists (a purged instance's timer),
    /// which the sidecar then drops (docs/sidecar.md#9-work-for-a-purged-instance-spins). The others drop it themselves.
    /// </summary>
    internal virtual bool HandsOutWorkForMissingInstances => false;

    /// <summary>Whether the worker and client call the sidecar in process (as <c>run</c> and <c>serve</c> do) instead of over loopback gRPC.</summary>
    internal virtual bool InProcess => false;

    /// <summary>Settings of a new sidecar on this backend: its own task hub or database file each time.</summary>
    internal abstract SidecarOptions CreateOptions();

    public async ValueTask InitializeAsync()
    {
        _sidecar = await EmbeddedSidecar.StartAsync(CreateOptions(), _loggerFactory);
        _worker = await ConnectAsync(_sidecar);
    }

    /// <summary>
    /// Another sidecar on this backend with its own worker (the sidecar takes one worker, and worker-wide settings
    /// such as versioning rules need a worker of their own).
    /// </summary>
    internal async Task<SidecarPair> StartPairAsync(DurableTaskWorkerOptions.VersioningOptions versioning)
    {
        var sidecar = await EmbeddedSidecar.StartAsync(CreateOptions());
        try
        {
            return new SidecarPair(sidecar, await ConnectAsync(sidecar, versioning));
        }
        catch
        {
            await sidecar.DisposeAsync();
            throw;
        }
    }

    private Task<WorkerHost> ConnectAsync(EmbeddedSidecar sidecar, DurableTaskWorkerOptions.VersioningOptions? versioning = null) =>
        InProcess ? WorkerHost.StartAsync(sidecar.InProcess, versioning: versioning) : WorkerHost.StartAsync(sidecar.Address, versioning: versioning);

    public virtual async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }

        _loggerFactory.Dispose();
        Logs.Dispose();
        _marks.Dispose();
        GC.SuppressFinalize(this);
    }
}
