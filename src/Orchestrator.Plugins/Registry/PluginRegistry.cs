using System.Collections.Immutable;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Manifests;
using Semver;

namespace Orchestrator.Plugins.Registry;

/// <summary>
/// The thread-safe set of loaded plugins. It keeps every candidate (valid, unshadowed plugin) and, on each
/// change, re-resolves compatibility and dependencies and publishes a new immutable
/// <see cref="RegistrySnapshot"/>: readers never lock and never see a half-applied change, and the loaded
/// set always satisfies every dependency.
/// </summary>
public sealed class PluginRegistry
{
    private readonly Lock _gate = new();
    private ImmutableSortedDictionary<string, DiscoveredPlugin> _candidates =
        ImmutableSortedDictionary.Create<string, DiscoveredPlugin>(StringComparer.Ordinal);

    private ImmutableArray<PluginProblem> _discoveryProblems = [];
    private RegistrySnapshot _snapshot = RegistrySnapshot.Empty;

    /// <summary>Creates a registry checking plugins against <see cref="OrchestratorVersion.Current"/>.</summary>
    public PluginRegistry()
        : this(OrchestratorVersion.Current)
    {
    }

    /// <summary>Creates a registry checking plugins against <paramref name="productVersion"/>.</summary>
    public PluginRegistry(SemVersion productVersion)
    {
        ArgumentNullException.ThrowIfNull(productVersion);
        ProductVersion = productVersion;
    }

    /// <summary>The Orchestrator version min_version/max_version are checked against.</summary>
    public SemVersion ProductVersion { get; }

    /// <summary>The current state; take it once and read from it for a consistent view.</summary>
    public RegistrySnapshot Snapshot => Volatile.Read(ref _snapshot);

    public int Count => Snapshot.Plugins.Count;

    /// <summary>Replaces the whole content with a discovery's plugins; returns the new state.</summary>
    public RegistrySnapshot Load(DiscoveryResult discovery)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        lock (_gate)
        {
            _candidates = discovery.Plugins.ToImmutableSortedDictionary(p => p.Name, p => p, StringComparer.Ordinal);
            _discoveryProblems = discovery.Problems;
            return Publish();
        }
    }

    /// <summary>Adds a plugin, or replaces the one of the same name; returns why it was rejected, or null when it loaded.</summary>
    public PluginProblem? AddOrUpdate(DiscoveredPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        lock (_gate)
        {
            _candidates = _candidates.SetItem(plugin.Name, plugin);
            var snapshot = Publish();
            return snapshot.Resolution.Rejections.FirstOrDefault(r => r.PluginName == plugin.Name);
        }
    }

    /// <summary>Removes a plugin; plugins depending on it become rejected. False when no such plugin was known.</summary>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            var before = _candidates;
            _candidates = _candidates.Remove(name);
            if (ReferenceEquals(before, _candidates))
            {
                return false;
            }

            Publish();
            return true;
        }
    }

    /// <summary>The loaded plugin of this name.</summary>
    public bool TryGet(string name, out DiscoveredPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Snapshot.Plugins.TryGetValue(name, out plugin!);
    }

    /// <summary>The loaded plugin of this name; throws <see cref="PluginNotFoundException"/> when none is loaded.</summary>
    public DiscoveredPlugin Get(string name) =>
        TryGet(name, out var plugin) ? plugin : throw PluginNotFoundException.For(name);

    /// <summary>Loaded plugins sorted by name.</summary>
    public ImmutableArray<DiscoveredPlugin> List() => Snapshot.List;

    public ImmutableArray<DiscoveredPlugin> ByDomain(string domain) => Snapshot.ByDomain(domain);

    public ImmutableArray<DiscoveredPlugin> ByType(PluginType type) => Snapshot.ByType(type);

    private RegistrySnapshot Publish()
    {
        var resolution = DependencyResolver.Resolve(_candidates.Values, ProductVersion);
        var loaded = resolution.LoadOrder.ToImmutableSortedDictionary(p => p.Name, p => p, StringComparer.Ordinal);
        var snapshot = new RegistrySnapshot(loaded, resolution, _discoveryProblems);
        Volatile.Write(ref _snapshot, snapshot);
        return snapshot;
    }
}
