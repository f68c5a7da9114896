using Microsoft.Extensions.Hosting;

namespace Orchestrator.Engine.Activities;

/// <summary>Signalled when the host stops, so a running phase attempt is cancelled rather than orphaned.</summary>
public sealed class WorkerStopping(IHostApplicationLifetime? lifetime = null)
{
    public CancellationToken Token { get; } = lifetime?.ApplicationStopping ?? CancellationToken.None;
}
