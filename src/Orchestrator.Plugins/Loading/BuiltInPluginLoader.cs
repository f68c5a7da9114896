using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Loading;

/// <summary>Binds a <c>type: builtin</c> manifest to the phase provider compiled in under its name.</summary>
internal static class BuiltInPluginLoader
{
    /// <exception cref="PluginLoadException">No provider of that name, or its phases do not match the manifest.</exception>
    public static InProcessRuntime Load(PluginManifest manifest, IReadOnlyDictionary<string, Func<IPhaseProvider>> builtIns)
    {
        if (!builtIns.TryGetValue(manifest.Name, out var factory))
        {
            var known = builtIns.Keys.Order(StringComparer.Ordinal).ToList();
            throw new PluginLoadException(
                $"'type: builtin' but this Orchestrator build has no built-in plugin named '{manifest.Name}' "
                + $"(built-in: {(known.Count == 0 ? "none" : string.Join(", ", known))}); "
                + "use 'type: external' with an entry_point for your own plugins");
        }

        IReadOnlyList<IPhase> phases;
        try
        {
            phases = factory().CreatePhases();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new PluginLoadException($"built-in plugin '{manifest.Name}' failed to create its phases: {e.Message}", e);
        }

        return InProcessRuntime.Create(manifest, phases, $"built-in plugin '{manifest.Name}'");
    }
}
