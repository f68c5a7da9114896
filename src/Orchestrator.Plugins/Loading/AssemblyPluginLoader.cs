using System.Reflection;
using System.Runtime.CompilerServices;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Loading;

/// <summary>
/// Loads a .NET assembly plugin (<c>binary: false</c>) into its own collectible <see cref="PluginLoadContext"/>.
/// The entry type is the one public <see cref="IPhaseProvider"/> of the entry assembly when there is one;
/// otherwise every public, non-abstract <see cref="IPhase"/> with a parameterless constructor is a phase.
/// </summary>
internal static class AssemblyPluginLoader
{
    /// <exception cref="PluginLoadException">The assembly cannot be loaded or its phases do not match the manifest.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InProcessRuntime Load(PluginManifest manifest, string contentHash)
    {
        var path = Path.Combine(manifest.Directory, manifest.EntryPoint!);
        var context = new PluginLoadContext($"{manifest.Name}@{manifest.Version}#{contentHash[..12]}", path);
        try
        {
            var assembly = context.LoadMain(path);
            var phases = CreatePhases(assembly, manifest.EntryPoint!);
            return InProcessRuntime.Create(manifest, phases, $"assembly {manifest.EntryPoint}", () => Unload(context), new WeakReference(context));
        }
        catch (PluginLoadException)
        {
            context.Unload();
            throw;
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or IOException
            or ReflectionTypeLoadException or TypeLoadException or TargetInvocationException or MissingMethodException or UnauthorizedAccessException)
        {
            context.Unload();
            throw new PluginLoadException($"cannot load .NET assembly '{manifest.EntryPoint}': {Describe(e)}", e);
        }
    }

    private static void Unload(PluginLoadContext context)
    {
        SerializerCaches.Clear();
        context.Unload();
    }

    private static List<IPhase> CreatePhases(Assembly assembly, string entryPoint)
    {
        var types = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .ToList();
        var providers = types.Where(typeof(IPhaseProvider).IsAssignableFrom).ToList();
        if (providers.Count > 1)
        {
            throw new PluginLoadException(
                $"assembly '{entryPoint}' has {providers.Count} public IPhaseProvider types ({string.Join(", ", providers.Select(p => p.FullName))}); keep one entry type");
        }

        if (providers.Count == 1)
        {
            var provider = (IPhaseProvider)Activator.CreateInstance(providers[0])!;
            return [.. provider.CreatePhases()];
        }

        var phaseTypes = types.Where(typeof(IPhase).IsAssignableFrom).ToList();
        if (phaseTypes.Count == 0)
        {
            throw new PluginLoadException(
                $"assembly '{entryPoint}' has no public IPhaseProvider and no public, non-abstract IPhase type with a parameterless constructor; "
                + "implement Orchestrator.Abstractions.Phases.IPhase for each phase (and reference Orchestrator.Abstractions with Private=false)");
        }

        return [.. phaseTypes.Select(t => (IPhase)Activator.CreateInstance(t)!)];
    }

    private static string Describe(Exception e) => e switch
    {
        ReflectionTypeLoadException r => string.Join("; ", r.LoaderExceptions.Where(x => x is not null).Select(x => x!.Message).Distinct()),
        TargetInvocationException { InnerException: { } inner } => $"a constructor threw {inner.GetType().Name}: {inner.Message}",
        _ => e.Message,
    };
}
