using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Bench.Engine;

/// <summary>The bench plugins: phases that return at once.</summary>
internal sealed class NoOpProvider(params string[] phases) : IPhaseProvider
{
    public IReadOnlyList<IPhase> CreatePhases() => [.. phases.Select(p => new NoOpPhase(p))];

    private sealed class NoOpPhase(string name) : IPhase
    {
        public string Name { get; } = name;

        public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new PhaseResult());
    }
}
