using System.Collections.Immutable;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Loading;

/// <summary>Phases implemented by .NET types running in the host process (built-in and assembly plugins).</summary>
internal sealed class InProcessRuntime : IPluginRuntime
{
    private Action? _unload;
    private ImmutableDictionary<string, IPhase> _phases;

    private InProcessRuntime(ImmutableDictionary<string, IPhase> phases, Action? unload)
    {
        _phases = phases;
        _unload = unload;
    }

    /// <summary>Matches the implementations to the manifest's phases: every phase needs exactly one, and every implementation a phase.</summary>
    /// <exception cref="PluginLoadException">A phase has no implementation, two implementations, or an implementation names no phase.</exception>
    public static InProcessRuntime Create(PluginManifest manifest, IEnumerable<IPhase> implementations, string source, Action? unload = null, WeakReference? loadContext = null)
    {
        var byName = new Dictionary<string, IPhase>(StringComparer.Ordinal);
        var declared = manifest.Phases.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var phase in implementations)
        {
            if (phase is null || string.IsNullOrEmpty(phase.Name))
            {
                throw new PluginLoadException($"{source} returned a phase with no name; IPhase.Name must be the manifest's phase name");
            }

            if (!declared.Contains(phase.Name))
            {
                throw new PluginLoadException(
                    $"{source} implements phase '{phase.Name}' ({phase.GetType().FullName}), which the manifest does not declare; declared: {string.Join(", ", manifest.Phases.Select(p => p.Name))}");
            }

            if (!byName.TryAdd(phase.Name, phase))
            {
                throw new PluginLoadException(
                    $"{source} implements phase '{phase.Name}' twice ({byName[phase.Name].GetType().FullName} and {phase.GetType().FullName}); keep one");
            }
        }

        var missing = manifest.Phases.Where(p => !byName.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        if (missing.Count > 0)
        {
            throw new PluginLoadException(
                $"{source} has no implementation of phase{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", missing.Select(m => $"'{m}'"))}; "
                + $"implemented: {(byName.Count == 0 ? "none" : string.Join(", ", byName.Keys.Order(StringComparer.Ordinal)))}");
        }

        return new InProcessRuntime(byName.ToImmutableDictionary(StringComparer.Ordinal), unload) { LoadContext = loadContext };
    }

    /// <summary>The collectible load context of an assembly plugin, weakly held (proves unloading in tests).</summary>
    public WeakReference? LoadContext { get; init; }

    public Task<PhaseResult> ExecuteAsync(PhaseManifest phase, PhaseRequest request, CancellationToken cancellationToken)
    {
        var phases = Volatile.Read(ref _phases);
        if (!phases.TryGetValue(phase.Name, out var implementation))
        {
            throw new PhaseExecutionException(PhaseFailureKind.UnknownPhase, $"plugin '{request.Plugin}' has no loaded implementation of phase '{phase.Name}' (it was unloaded)");
        }

        return implementation.ExecuteAsync(request, cancellationToken);
    }

    public void Dispose()
    {
        // Dropping the phase objects is what lets a collectible load context actually unload.
        Volatile.Write(ref _phases, ImmutableDictionary<string, IPhase>.Empty);

        // The unload action holds the context: a disposed runtime that is still reachable (a completed load task a
        // pool thread has not let go of yet) must not keep it alive.
        Interlocked.Exchange(ref _unload, null)?.Invoke();
    }
}
