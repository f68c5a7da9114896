using Orchestrator.Abstractions.Phases;

namespace TestPlugin.Greeter;

/// <summary>Always throws: exercises failure reporting.</summary>
public sealed class FailPhase : IPhase
{
    public string Name => "fail";

    public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the greeter refuses");
}
