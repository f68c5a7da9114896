using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Server.Tests.Infrastructure;

/// <summary>A built-in phase whose behaviour a test supplies.</summary>
public sealed class DelegatePhase(string name, Func<PhaseRequest, CancellationToken, Task<PhaseResult>> run) : IPhase
{
    public string Name { get; } = name;

    public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken) => run(request, cancellationToken);
}
