using System.Text.Json;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Bench.Engine;

/// <summary>Bench phases that each return an output of about <c>bytes</c> bytes of JSON.</summary>
internal sealed class SizedProvider(string[] phases, int bytes) : IPhaseProvider
{
    public IReadOnlyList<IPhase> CreatePhases() => [.. phases.Select(p => new SizedPhase(p, bytes))];

    private sealed class SizedPhase(string name, int bytes) : IPhase
    {
        private readonly JsonElement _output = JsonSerializer.SerializeToElement(new { text = new string('x', bytes) });

        public string Name { get; } = name;

        public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new PhaseResult { Output = _output });
    }
}
