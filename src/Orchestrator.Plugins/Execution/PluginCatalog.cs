using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Loading;
using Orchestrator.Plugins.Registry;
using Orchestrator.Plugins.Reload;
using Orchestrator.Plugins.Snapshots;

namespace Orchestrator.Plugins.Execution;

/// <summary>
/// The runnable plugins: discovery and the registry decide which plugins load, the loaders make each runnable
/// (built-in provider, collectible assembly context, or checked executable), and every loaded version carries
/// the content hash of its directory. <see cref="ReloadAsync"/> swaps in a new immutable state atomically and
/// unloads what was replaced or removed; readers never lock. Replaced versions that runs still pin execute from
/// their snapshots (PluginCatalog.Versions.cs).
/// </summary>
public sealed partial class PluginCatalog : IPluginCatalog, IDisposable
{
    private readonly PluginOptions _options;
    private readonly ILogger _logger;
    private readonly PluginLoader _loader;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private CatalogState _state = CatalogState.Empty;
    private bool _disposed;

    /// <summary>Creates an empty catalog; call <see cref="ReloadAsync"/> to load the plugins.</summary>
    public PluginCatalog(PluginOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Sandbox))
        {
            throw new ArgumentException($"Sandbox is {(int)options.Sandbox}, which is neither SandboxMode.On nor SandboxMode.Off", nameof(options));
        }

        _options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Orchestrator.Plugins");
        _loader = new PluginLoader(options, _logger);
        _store = options.ResolveSnapshotDirectory() is { } snapshots ? new PluginSnapshotStore(snapshots) : null;
        if (options.Sandbox == Processes.SandboxMode.Off)
        {
            _logger.SandboxOff();
        }
    }

    /// <summary>Creates an empty catalog from DI options.</summary>
    public PluginCatalog(IOptions<PluginOptions> options, ILoggerFactory loggerFactory)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), loggerFactory)
    {
    }

    /// <summary>Raised after every reload that changed something, with what changed.</summary>
    public event EventHandler<PluginReloadResult>? Reloaded;

    /// <summary>Everything found but not loaded: invalid, shadowed, rejected, failed to load.</summary>
    public ImmutableArray<PluginProblem> Problems => Volatile.Read(ref _state).Problems;

    /// <summary>The directories searched by the last reload, highest precedence first.</summary>
    public ImmutableArray<SearchPath> SearchPaths => Volatile.Read(ref _state).SearchPaths;

    /// <summary>The options the catalog was created with.</summary>
    public PluginOptions Options => _options;

    public ImmutableArray<LoadedPlugin> List() => [.. Volatile.Read(ref _state).Entries.Values.Select(e => e.Plugin)];

    public bool TryGet(string name, out LoadedPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(name);
        var found = Volatile.Read(ref _state).Entries.TryGetValue(name, out var entry);
        plugin = entry?.Plugin!;
        return found;
    }

    public LoadedPlugin Get(string name) => TryGet(name, out var plugin) ? plugin : throw PluginNotFoundException.For(name);

    public LoadedPlugin Get(PluginIdentity identity) => GetEntry(identity).Plugin;

    /// <summary>Re-discovers the search paths and loads, updates and unloads plugins to match them.</summary>
    /// <returns>What was added, updated and removed, and every problem.</returns>
    public async Task<PluginReloadResult> ReloadAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            var before = Volatile.Read(ref _state);
            var after = await BuildStateAsync(before, cancellationToken);
            Volatile.Write(ref _state, after);
            Volatile.Write(ref _loadedOnce, true);
            UnloadReplaced(before, after);
            var result = PluginReloadResult.Compare(
                before.Entries.Values.Select(e => e.Plugin.Identity), after.Entries.Values.Select(e => e.Plugin.Identity), after.Problems);
            _logger.PluginsReloaded(result.Added.Length, result.Updated.Length, result.Removed.Length, result.Problems.Length);
            if (result.HasChanges)
            {
                Reloaded?.Invoke(this, result);
            }

            return result;
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var state = Interlocked.Exchange(ref _state, CatalogState.Empty);
        foreach (var entry in state.Entries.Values)
        {
            entry.Runtime.Dispose();
        }

        DisposeVersions();
        _reloadGate.Dispose();
    }

    /// <summary>The entry of exactly <paramref name="identity"/>: current, or replaced and loaded from its snapshot.</summary>
    /// <exception cref="PluginVersionUnavailableException">That version is neither current nor loaded from a snapshot.</exception>
    internal CatalogEntry GetEntry(PluginIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Current(identity) ?? Retired(identity) ?? throw Unavailable(identity);
    }

    /// <summary>Why a run pinned to <paramref name="identity"/> cannot continue: it is not current and has no snapshot.</summary>
    private PluginVersionUnavailableException Unavailable(PluginIdentity identity)
    {
        Volatile.Read(ref _state).Entries.TryGetValue(identity.Name, out var entry);
        var requested = $"plugin '{identity.Name}' {identity.Version} (content {Short(identity.ContentHash)})";
        if (entry is null)
        {
            return new PluginVersionUnavailableException(
                $"{requested} is not available: no plugin named '{identity.Name}' is loaded now (removed, or rejected: run 'orchestrator plugins list --all'); "
                + "a run pinned to that version cannot continue on another one")
            {
                Requested = identity,
            };
        }

        var current = entry.Plugin.Identity;
        return new PluginVersionUnavailableException(
            $"{requested} is not available: it was replaced by {current.Version} (content {Short(current.ContentHash)}); "
            + $"a run pinned to {identity.Version} (content {Short(identity.ContentHash)}) cannot continue on another version, start a new run")
        {
            Requested = identity,
            Current = current,
        };
    }

    /// <summary>The collectible load context of an assembly plugin version, weakly held; null for other kinds.</summary>
    internal WeakReference? LoadContextOf(PluginIdentity identity) => (GetEntry(identity).Runtime as InProcessRuntime)?.LoadContext;

    /// <summary>The load context of a replaced version loaded from its snapshot, if it was (collection tests).</summary>
    internal WeakReference? RetiredLoadContextOf(PluginIdentity identity) => (Retired(identity)?.Runtime as InProcessRuntime)?.LoadContext;

    private static string Short(string hash) => hash[..Math.Min(12, hash.Length)];

    private async Task<CatalogState> BuildStateAsync(CatalogState before, CancellationToken cancellationToken)
    {
        var discoveryOptions = _options.ResolveDiscovery();
        var discovery = new PluginDiscovery().Discover(discoveryOptions, cancellationToken);
        var registry = new PluginRegistry(_options.ProductVersion);
        var snapshot = registry.Load(discovery);

        var loaded = new ConcurrentDictionary<string, CatalogEntry>(StringComparer.Ordinal);
        var fresh = new ConcurrentDictionary<string, CatalogEntry>(StringComparer.Ordinal);
        var failures = new ConcurrentDictionary<string, PluginProblem>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            snapshot.LoadOrder,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) },
            async (plugin, token) =>
            {
                try
                {
                    var content = PluginLoader.Hash(plugin.Manifest, token);
                    var identity = new PluginIdentity(plugin.Name, plugin.Manifest.Version.ToString(), content.Hash);
                    if (before.Entries.TryGetValue(plugin.Name, out var existing) && existing.Plugin.Identity == identity)
                    {
                        Snapshot(plugin.Manifest, identity, token);
                        loaded[plugin.Name] = existing;
                        return;
                    }

                    var entry = await _loader.LoadAsync(plugin, identity, content.Warnings, token);
                    Snapshot(plugin.Manifest, identity, token);
                    loaded[plugin.Name] = entry;
                    fresh[plugin.Name] = entry;
                    _logger.PluginLoaded(identity.ToString());
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One plugin that cannot load never stops the others from loading.
                    var reason = e is PluginLoadException ? e.Message : $"unexpected {e.GetType().Name} while loading: {e.Message}";
                    _logger.PluginNotLoaded(plugin.Manifest.Directory, reason);
                    failures[plugin.Name] = new PluginProblem(PluginProblemKind.LoadFailed, plugin.Manifest.Directory, reason)
                    {
                        PluginName = plugin.Name,
                        Manifest = plugin.Manifest,
                    };
                }
            });

        // A plugin that failed to load leaves the registry, which rejects the plugins depending on it.
        foreach (var name in failures.Keys)
        {
            registry.Remove(name);
        }

        snapshot = registry.Snapshot;
        foreach (var (name, entry) in fresh)
        {
            if (!snapshot.Plugins.ContainsKey(name))
            {
                entry.Runtime.Dispose();
            }
        }

        var entries = loaded.Where(p => snapshot.Plugins.ContainsKey(p.Key))
            .ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var problems = snapshot.DiscoveryProblems
            .Concat(failures.Values.OrderBy(p => p.PluginName, StringComparer.Ordinal))
            .Concat(snapshot.Resolution.Rejections.Where(r => r.PluginName is null || !failures.ContainsKey(r.PluginName)))
            .ToImmutableArray();
        return new CatalogState(entries, problems, discovery.SearchPaths);
    }

    private void UnloadReplaced(CatalogState before, CatalogState after)
    {
        foreach (var (name, entry) in before.Entries)
        {
            if (!after.Entries.TryGetValue(name, out var now) || !ReferenceEquals(now, entry))
            {
                // Its grace time (PluginOptions.SnapshotGrace) starts now that it is no longer current.
                _store?.Touch(entry.Plugin.Identity);
                entry.Runtime.Dispose();
                _logger.PluginUnloaded(entry.Plugin.Identity.ToString());
            }
        }
    }

    private sealed record CatalogState(
        ImmutableSortedDictionary<string, CatalogEntry> Entries,
        ImmutableArray<PluginProblem> Problems,
        ImmutableArray<SearchPath> SearchPaths)
    {
        public static CatalogState Empty { get; } = new(
            ImmutableSortedDictionary.Create<string, CatalogEntry>(StringComparer.Ordinal), [], []);
    }
}
