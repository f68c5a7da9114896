using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Bench.Server;

/// <summary>The measured plugin: one phase that returns at once, so the figures are the API's and the engine's cost.</summary>
internal sealed class NoopProvider : IPhaseProvider
{
    public IReadOnlyList<IPhase> CreatePhases() => [new NoopPhase()];

    private sealed class NoopPhase : IPhase
    {
        public string Name => "once";

        public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(PhaseResult.FromOutput(new { ok = true }));
    }
}
