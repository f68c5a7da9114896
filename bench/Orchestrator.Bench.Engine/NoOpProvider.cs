using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Bench.Engine;

/// <summary>The bench plugin: three phases that return at once.</summary>
internal sealed class NoOpProvider : IPhaseProvider
{
    public IReadOnlyList<IPhase> CreatePhases() => [new NoOpPhase("one"), new NoOpPhase("two"), new NoOpPhase("three")];

    private sealed class NoOpPhase(string name) : IPhase
    {
        public string Name { get; } = name;

        public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new PhaseResult());
    }
}
