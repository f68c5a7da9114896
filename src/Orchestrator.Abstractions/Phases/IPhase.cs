namespace Orchestrator.Abstractions.Phases;

/// <summary>
/// One phase of a plugin. Every plugin kind (built-in, .NET assembly, external executable)
/// is executed through this contract.
/// </summary>
public interface IPhase
{
    /// <summary>The phase name, as written in the plugin manifest (for example <c>outline</c>).</summary>
    string Name { get; }

    /// <summary>Runs one attempt of the phase.</summary>
    /// <param name="request">Everything the attempt needs: input, config, prompt, shared data, working directory.</param>
    /// <param name="cancellationToken">Signalled when the attempt times out or the run is cancelled.</param>
    /// <returns>The phase output, metadata changes and produced artifacts.</returns>
    Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken);
}
