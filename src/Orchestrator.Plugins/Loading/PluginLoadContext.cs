using System.Reflection;
using System.Runtime.Loader;

namespace Orchestrator.Plugins.Loading;

/// <summary>
/// A collectible load context for one version of one assembly plugin. The contract assembly
/// (Orchestrator.Abstractions) and framework assemblies come from the host, so <see cref="Abstractions.Phases.IPhase"/>
/// is the same type on both sides; the plugin's own dependencies come from its directory through its deps.json.
/// Assemblies are loaded from memory so the files can be rebuilt while the plugin is loaded.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private static readonly string SharedContract = typeof(Abstractions.Phases.IPhase).Assembly.GetName().Name!;
    private readonly AssemblyDependencyResolver _resolver;

    public PluginLoadContext(string name, string mainAssemblyPath)
        : base(name, isCollectible: true)
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
    }

    public Assembly LoadMain(string path) => LoadFromBytes(path);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (string.Equals(assemblyName.Name, SharedContract, StringComparison.Ordinal))
        {
            return null;
        }

        // Framework and host-shared assemblies are not in the plugin's deps.json: null defers to the host.
        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromBytes(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

    private Assembly LoadFromBytes(string path)
    {
        using var assembly = new MemoryStream(File.ReadAllBytes(path));
        var symbols = Path.ChangeExtension(path, ".pdb");
        if (!File.Exists(symbols))
        {
            return LoadFromStream(assembly);
        }

        using var pdb = new MemoryStream(File.ReadAllBytes(symbols));
        return LoadFromStream(assembly, pdb);
    }
}
