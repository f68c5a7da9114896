using Microsoft.Extensions.Hosting;

namespace Orchestrator.Sidecar.InProcess;

/// <summary>
/// The in-process calls in progress. The sidecar's stop waits for them (bounded by its shutdown timeout), as Kestrel
/// drains its requests: a caller told to stop by the same signal ends its own calls, and sees an interruption, not a
/// vanished sidecar.
/// </summary>
internal sealed class InProcessCalls : IHostedService
{
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(10);

    private int _inProgress;

    public int InProgress => Volatile.Read(ref _inProgress);

    public void Enter() => Interlocked.Increment(ref _inProgress);

    public void Exit() => Interlocked.Decrement(ref _inProgress);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (InProgress > 0)
            {
                await Task.Delay(DrainPoll, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout passed: the calls still in progress end when the sidecar has stopped.
        }
    }
}
