using Orchestrator.Abstractions.Phases;

namespace TestPlugin.Greeter;

/// <summary>Waits until cancelled: exercises the attempt timeout.</summary>
public sealed class WaitPhase : IPhase
{
    public string Name => "wait";

    public async Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return new PhaseResult();
    }
}
