using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Server.Tests.Infrastructure;

/// <summary>A built-in plugin's phases, registered in the real catalog as a built-in provider.</summary>
public sealed class DelegateProvider(params IPhase[] phases) : IPhaseProvider
{
    public IReadOnlyList<IPhase> CreatePhases() => phases;
}
