using System.Collections.Immutable;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Discovery;

/// <summary>What discovery found: the valid plugins after precedence, and every problem met on the way.</summary>
/// <param name="SearchPaths">The paths searched, highest precedence first.</param>
/// <param name="Plugins">Valid, unshadowed plugins sorted by name.</param>
/// <param name="Problems">Missing or unreadable search paths first, then invalid manifests, directories without one and shadowed plugins, in search order.</param>
public sealed record DiscoveryResult(
    ImmutableArray<SearchPath> SearchPaths,
    ImmutableArray<DiscoveredPlugin> Plugins,
    ImmutableArray<PluginProblem> Problems)
{
    /// <summary>The plugin with this name, or null.</summary>
    public DiscoveredPlugin? Find(string name) => Plugins.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>Plugins listing <paramref name="domain"/> in their domains, sorted by name.</summary>
    public ImmutableArray<DiscoveredPlugin> ByDomain(string domain) =>
        [.. Plugins.Where(p => p.Manifest.Domains.Contains(domain, StringComparer.Ordinal))];

    /// <summary>Plugins of the given type, sorted by name.</summary>
    public ImmutableArray<DiscoveredPlugin> ByType(PluginType type) => [.. Plugins.Where(p => p.Manifest.Type == type)];
}
