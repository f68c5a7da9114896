using Microsoft.Extensions.Hosting;

namespace Orchestrator.Engine.Activities;

/// <summary>Signalled when the host stops, so a running phase attempt is cancelled rather than orphaned.</summary>
public sealed class WorkerStopping(IHostApplicationLifetime? lifetime = null)
{
    public CancellationToken Token { get; } = lifetime?.ApplicationStopping ?? CancellationToken.None;

    /// <summary>Signalled once the host has stopped: the worker's connection to the sidecar is closed by then.</summary>
    public CancellationToken Stopped { get; } = lifetime?.ApplicationStopped ?? CancellationToken.None;

    /// <summary>Completes once the host has stopped.</summary>
    public Task WhenStoppedAsync()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Stopped.Register(() => stopped.TrySetResult());
        return stopped.Task;
    }
}
