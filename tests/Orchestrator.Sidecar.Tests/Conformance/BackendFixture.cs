using Microsoft.DurableTask.Client;
using Orchestrator.Cli.Hosting;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Sidecar.Tests.Infrastructure;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>One embedded sidecar on one backend with an in-process worker and client, shared by a conformance class.</summary>
public abstract class BackendFixture : IAsyncLifetime
{
    private readonly TempDirectory _marks = new("orch-marks-");
    private EmbeddedSidecar? _sidecar;
    private WorkerHost? _worker;

    /// <summary>Where activities record their executions.</summary>
    public string MarksDir => _marks.Path;

    internal DurableTaskClient Client => _worker?.Client ?? throw new InvalidOperationException("The fixture is not started.");

    internal abstract SidecarOptions CreateOptions();

    public async ValueTask InitializeAsync()
    {
        _sidecar = await EmbeddedSidecar.StartAsync(CreateOptions());
        _worker = await WorkerHost.StartAsync(_sidecar.Address);
    }

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

        _marks.Dispose();
        GC.SuppressFinalize(this);
    }
}
