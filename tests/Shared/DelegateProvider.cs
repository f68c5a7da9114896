using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Testing;

/// <summary>A test plugin's phases, registered in the real catalog as a built-in provider (<c>PluginOptions.BuiltIns</c>).</summary>
public sealed class DelegateProvider(params IPhase[] phases) : IPhaseProvider
{
    public IReadOnlyList<IPhase> CreatePhases() => phases;
}
