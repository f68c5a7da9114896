using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Bench.Execution;

/// <summary>A built-in plugin whose one phase does nothing.</summary>
internal sealed class NoopProvider : IPhaseProvider
{
    public IReadOnlyList<IPhase> CreatePhases() => [new NoopPhase()];

    private sealed class NoopPhase : IPhase
    {
        public string Name => "noop";

        public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken) => Task.FromResult(new PhaseResult());
    }
}
