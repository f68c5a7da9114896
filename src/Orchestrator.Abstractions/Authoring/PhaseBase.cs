using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Authoring;

/// <summary>
/// A convenient base for a phase: checks the request and hands the phase a <see cref="PhaseScope"/> with typed
/// access to its input, config, shared context, working directory and prompt. The built-in plugins (fiction, code,
/// docs) are written this way; implementing <see cref="IPhase"/> directly works just as well.
/// </summary>
/// <example>
/// <code>
/// public sealed class GreetPhase : PhaseBase
/// {
///     public override string Name => "greet";
///
///     protected override async Task&lt;PhaseResult&gt; RunAsync(PhaseScope scope, CancellationToken cancellationToken)
///     {
///         var name = scope.Input.RequireString("name", 100, "{\"name\": \"Ada\"}");
///         var file = await scope.Workspace.WriteAsync("greeting.md", $"# Hello, {name}\n", cancellationToken);
///         return scope.Context.ToResult(new { greeting = $"Hello, {name}" }, [file]);
///     }
/// }
/// </code>
/// </example>
public abstract class PhaseBase : IPhase
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    /// <exception cref="PhaseInputException">The request has no working directory.</exception>
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

    /// <summary>Runs one attempt of the phase.</summary>
    /// <param name="scope">The request with typed access to what the phase works with.</param>
    /// <param name="cancellationToken">Signalled when the attempt times out or the run is cancelled.</param>
    /// <returns>The phase output, metadata changes and produced artifacts (see <see cref="Context.PhaseContextHelper.ToResult{T}"/>).</returns>
    protected abstract Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken);
}
