using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Execution;

/// <summary>
/// Executes one attempt of one phase of a pinned plugin version, whatever the plugin kind (built-in, .NET
/// assembly, external executable). The executor fills <see cref="PhaseRequest.Prompt"/> from the manifest's
/// <c>prompts</c> when the request has none, validates input and output against the phase's schemas, enforces
/// the phase's <c>timeout</c> for the attempt, and adds what the phase wrote to <see cref="PhaseRequest.Context"/>
/// to the result's metadata changes.
/// </summary>
public interface IPhaseExecutor
{
    /// <summary>Runs the attempt described by <paramref name="request"/> on exactly <paramref name="plugin"/>.</summary>
    /// <exception cref="PluginVersionUnavailableException">The pinned version is no longer loaded.</exception>
    /// <exception cref="PhaseExecutionException">The attempt failed; the message says how.</exception>
    Task<PhaseResult> ExecuteAsync(PluginIdentity plugin, PhaseRequest request, CancellationToken cancellationToken);
}
