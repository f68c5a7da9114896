using System.Collections.Immutable;
using Orchestrator.Documents.Problems;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Manifests;
using Orchestrator.Plugins.Registry;

namespace Orchestrator.Contracts.Plugins;

/// <summary>What is known about a plugin beyond its manifest, for <see cref="PluginDetail.From"/>.</summary>
/// <param name="ContentHash">The content hash; null when not computed.</param>
/// <param name="Source">The search path it was found in; null when unknown.</param>
/// <param name="Rejection">Why it did not load; null when it did.</param>
/// <param name="Dependencies">Its dependencies with the versions found.</param>
/// <param name="Warnings">Its manifest's warnings.</param>
public sealed record PluginFacts(
    string? ContentHash,
    SearchPath? Source,
    PluginProblem? Rejection,
    ImmutableArray<DependencyStatus> Dependencies,
    ImmutableArray<DocumentProblem> Warnings)
{
    /// <summary>The status of a plugin that loaded.</summary>
    public const string Loaded = "loaded";

    /// <summary>The facts of a loaded plugin: its dependencies are looked up among the plugins loaded with it.</summary>
    /// <param name="plugin">The plugin.</param>
    /// <param name="catalog">The plugins loaded with it.</param>
    /// <returns>The facts.</returns>
    public static PluginFacts Of(LoadedPlugin plugin, IPluginCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(catalog);
        var dependencies = plugin.Manifest.Dependencies
            .Select(d => DependencyStatus.From(d, catalog.TryGet(d.Name, out var found) ? found.Manifest.Version : null));
        return new(plugin.Identity.ContentHash, plugin.Source, null, [.. dependencies], plugin.Warnings);
    }

    /// <summary>
    /// The facts of a discovered plugin, as the registry resolved it; the content hash is computed from its directory
    /// (null when a file cannot be read).
    /// </summary>
    /// <param name="plugin">The plugin.</param>
    /// <param name="registry">The registry loaded from the discovery that found it.</param>
    /// <param name="cancellationToken">Stops hashing.</param>
    /// <returns>The facts.</returns>
    public static PluginFacts Of(DiscoveredPlugin plugin, RegistrySnapshot registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(registry);
        string? hash;
        try
        {
            hash = Orchestrator.Plugins.Loading.ContentHash.Compute(plugin.Manifest.Directory, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            hash = null;
        }

        return new(
            hash,
            plugin.Source,
            registry.Resolution.Rejections.FirstOrDefault(r => r.PluginName == plugin.Name),
            [.. registry.Resolution.Edges.Where(e => e.From == plugin.Name).Select(DependencyStatus.From)],
            plugin.Warnings);
    }
}
