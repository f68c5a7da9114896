using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.BuiltIn.Authoring;

/// <summary>The base of every built-in phase: checks the request and hands the phase a <see cref="PhaseScope"/>.</summary>
internal abstract class BuiltInPhase : IPhase
{
    public abstract string Name { get; }

    public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrWhiteSpace(request.WorkingDirectory))
        {
            throw new PhaseInputException($"Phase '{Name}' needs a working directory to write its artifacts; the request has none.");
        }

        return RunAsync(new PhaseScope(request), cancellationToken);
    }

    protected abstract Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken);
}
