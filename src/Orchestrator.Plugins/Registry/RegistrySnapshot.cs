using System.Collections.Immutable;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Registry;

/// <summary>An immutable view of the registry at one moment; safe to read from any thread.</summary>
/// <param name="Plugins">Loaded plugins by name.</param>
/// <param name="Resolution">Load order, rejections and dependency edges of the candidate set.</param>
/// <param name="DiscoveryProblems">Problems reported by the discovery the registry was loaded from.</param>
public sealed record RegistrySnapshot(
    ImmutableSortedDictionary<string, DiscoveredPlugin> Plugins,
    DependencyResolution Resolution,
    ImmutableArray<PluginProblem> DiscoveryProblems)
{
    /// <summary>An empty registry.</summary>
    public static RegistrySnapshot Empty { get; } = new(
        ImmutableSortedDictionary.Create<string, DiscoveredPlugin>(StringComparer.Ordinal),
        new DependencyResolution([], [], []),
        []);

    /// <summary>Loaded plugins sorted by name.</summary>
    public ImmutableArray<DiscoveredPlugin> List => [.. Plugins.Values];

    /// <summary>Loaded plugins, every one after its dependencies.</summary>
    public ImmutableArray<DiscoveredPlugin> LoadOrder => Resolution.LoadOrder;

    /// <summary>Everything that was found but not loaded: discovery problems, then rejections.</summary>
    public ImmutableArray<PluginProblem> Problems => DiscoveryProblems.AddRange(Resolution.Rejections);

    public ImmutableArray<DiscoveredPlugin> ByDomain(string domain) =>
        [.. Plugins.Values.Where(p => p.Manifest.Domains.Contains(domain, StringComparer.Ordinal))];

    public ImmutableArray<DiscoveredPlugin> ByType(PluginType type) => [.. Plugins.Values.Where(p => p.Manifest.Type == type)];
}
