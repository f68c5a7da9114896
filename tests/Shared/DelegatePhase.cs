using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Testing;

/// <summary>A phase whose behaviour a test supplies, for a test plugin registered as a built-in.</summary>
public sealed class DelegatePhase(string name, Func<PhaseRequest, CancellationToken, Task<PhaseResult>> run) : IPhase
{
    public string Name { get; } = name;

    public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken) => run(request, cancellationToken);
}
