using Microsoft.DurableTask.Client;
using Orchestrator.Cli.Hosting;
using Orchestrator.Sidecar.Tests.Infrastructure;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>A sidecar of its own with its own worker and client; disposing stops both.</summary>
internal sealed class SidecarPair(EmbeddedSidecar sidecar, WorkerHost worker) : IAsyncDisposable
{
    public DurableTaskClient Client => worker.Client;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await worker.DisposeAsync();
        }
        finally
        {
            await sidecar.DisposeAsync();
        }
    }
}
