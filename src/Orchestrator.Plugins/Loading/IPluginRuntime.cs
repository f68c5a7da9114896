using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Loading;

/// <summary>A loaded plugin's executable form: built-in phases, an assembly's phases, or an executable.</summary>
internal interface IPluginRuntime : IDisposable
{
    /// <summary>Runs one attempt of <paramref name="phase"/>; failures are <see cref="Execution.PhaseExecutionException"/>.</summary>
    Task<PhaseResult> ExecuteAsync(PhaseManifest phase, PhaseRequest request, CancellationToken cancellationToken);
}
