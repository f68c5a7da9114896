using System.Collections.Immutable;

namespace Orchestrator.Plugins.Execution;

/// <summary>The loaded plugins, kept current by hot reload. Thread-safe.</summary>
public interface IPluginCatalog
{
    /// <summary>The plugins loaded now, sorted by name.</summary>
    ImmutableArray<LoadedPlugin> List();

    /// <summary>Finds the currently loaded version of a plugin.</summary>
    bool TryGet(string name, out LoadedPlugin plugin);

    /// <summary>The currently loaded version of a plugin.</summary>
    /// <exception cref="Registry.PluginNotFoundException">No plugin of that name is loaded.</exception>
    LoadedPlugin Get(string name);

    /// <summary>Exactly the given version of a plugin.</summary>
    /// <exception cref="PluginVersionUnavailableException">That version was replaced or removed.</exception>
    LoadedPlugin Get(PluginIdentity identity);

    /// <summary>
    /// Exactly the given version of a plugin: the current one, or a replaced one loaded from its snapshot
    /// (docs/writing-plugins.md#runs-in-flight).
    /// </summary>
    /// <exception cref="PluginVersionUnavailableException">That version is not current and its snapshot is gone.</exception>
    Task<LoadedPlugin> GetAsync(PluginIdentity identity, CancellationToken cancellationToken);
}
