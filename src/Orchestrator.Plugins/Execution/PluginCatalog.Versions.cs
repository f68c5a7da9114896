using System.Collections.Immutable;
using Orchestrator.Plugins.Loading;
using Orchestrator.Plugins.Manifests;
using Orchestrator.Plugins.Snapshots;

namespace Orchestrator.Plugins.Execution;

/// <summary>
/// Versions that are no longer current but that runs still pin (docs/writing-plugins.md#runs-in-flight): every external
/// and assembly version is copied into the snapshot store when it loads; a pinned version that a reload replaced is
/// loaded again from its snapshot, in a runtime of its own, and kept until <see cref="Collect"/> finds that no run
/// pins it any more.
/// </summary>
public sealed partial class PluginCatalog
{
    private readonly Lock _versionsGate = new();
    private readonly Dictionary<PluginIdentity, RetiredVersion> _retired = [];
    private readonly CancellationTokenSource _disposing = new();
    private readonly PluginSnapshotStore? _store;
    private bool _loadedOnce;

    /// <summary>The directory of the snapshot store, or null when none could be named.</summary>
    public string? SnapshotDirectory => _store?.Root;

    /// <summary>
    /// Unloads every version that is not current, that no identity in <paramref name="pinned"/> names (by name and
    /// content hash), that no phase is executing and that has been neither current nor in use for
    /// <see cref="PluginOptions.SnapshotGrace"/>, and deletes its snapshot. Does nothing before the first reload, when
    /// what is current is not known yet.
    /// </summary>
    /// <param name="pinned">The plugin versions of every run that has not ended, as the run store lists them.</param>
    /// <returns>The versions collected (name and content hash).</returns>
    public ImmutableArray<(string Name, string ContentHash)> Collect(IEnumerable<PluginIdentity> pinned)
    {
        ArgumentNullException.ThrowIfNull(pinned);
        if (_store is not { } store || !Volatile.Read(ref _loadedOnce))
        {
            return [];
        }

        // A reload writes the snapshots of the versions it loads before it makes them current: a pass during one
        // would take a new version's snapshot for a replaced one. It waits for the next pass instead.
        if (!_reloadGate.Wait(0))
        {
            return [];
        }

        try
        {
            return Collect(store, pinned.ToList());
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    private ImmutableArray<(string Name, string ContentHash)> Collect(PluginSnapshotStore store, List<PluginIdentity> pins)
    {
        var keep = pins.Select(p => (p.Name, p.ContentHash)).ToHashSet();
        foreach (var entry in Volatile.Read(ref _state).Entries.Values)
        {
            keep.Add((entry.Plugin.Identity.Name, entry.Plugin.Identity.ContentHash));
        }

        // Marking what this store's runs pin as in use keeps it from the collection of another process that shares the
        // snapshot directory but has a run store of its own, as long as the grace time is longer than this interval.
        foreach (var identity in pins)
        {
            store.Touch(identity);
        }

        var before = DateTime.UtcNow - _options.SnapshotGrace;
        var collected = ImmutableArray.CreateBuilder<(string, string)>();
        var unload = new List<RetiredVersion>();
        try
        {
            lock (_versionsGate)
            {
                foreach (var (name, hash, lastUsed) in store.List().ToList())
                {
                    var retired = _retired.FirstOrDefault(r => r.Key.Name == name && r.Key.ContentHash == hash);
                    if (keep.Contains((name, hash)) || retired.Value is { Leases: > 0 } || lastUsed >= before)
                    {
                        continue;
                    }

                    if (retired.Value is { } version)
                    {
                        _retired.Remove(retired.Key);
                        unload.Add(version);
                    }

                    store.Delete(name, hash);
                    collected.Add((name, hash));
                    _logger.VersionCollected(name, hash[..Math.Min(12, hash.Length)]);
                }

                // A loaded version whose snapshot someone else deleted is unloaded by the same rules.
                foreach (var (identity, version) in _retired.Where(r => r.Value.Leases == 0 && !keep.Contains((r.Key.Name, r.Key.ContentHash))).ToList())
                {
                    if (!Directory.Exists(store.PathOf(identity)))
                    {
                        _retired.Remove(identity);
                        unload.Add(version);
                        collected.Add((identity.Name, identity.ContentHash));
                    }
                }
            }

            store.RemoveLeftovers(DateTime.UtcNow - TimeSpan.FromHours(1));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.CollectionFailed(e, store.Root);
        }

        foreach (var version in unload)
        {
            version.Unload();
        }

        return collected.ToImmutable();
    }

    /// <summary>
    /// Exactly <paramref name="identity"/>: the current version, or a replaced one that runs can still execute because
    /// its snapshot is whole (it is loaded from the snapshot, and stays loaded until collected). For a caller that
    /// needs to know before it schedules anything on a version (for example a retry of a run pinned to it).
    /// </summary>
    /// <exception cref="PluginVersionUnavailableException">That version is not current and its snapshot is gone.</exception>
    public async Task<LoadedPlugin> GetAsync(PluginIdentity identity, CancellationToken cancellationToken)
    {
        using var lease = await AcquireAsync(identity, cancellationToken);
        return lease.Entry.Plugin;
    }

    /// <summary>
    /// Exactly <paramref name="identity"/>, held until the lease is disposed so that collection never unloads a
    /// version while one of its phases executes: the current version, or a replaced one loaded from its snapshot.
    /// </summary>
    /// <exception cref="PluginVersionUnavailableException">That version is not current and its snapshot is gone.</exception>
    internal async Task<PluginLease> AcquireAsync(PluginIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (Current(identity) is { } current)
        {
            return new PluginLease(current, null);
        }

        if (_store is null)
        {
            throw Unavailable(identity);
        }

        RetiredVersion version;
        lock (_versionsGate)
        {
            if (!_retired.TryGetValue(identity, out version!))
            {
                var token = _disposing.Token;
                version = new RetiredVersion(Task.Run(() => LoadRetiredAsync(identity, token), token));
                _retired[identity] = version;
            }

            version.Leases++;
        }

        try
        {
            return new PluginLease(await version.Load.WaitAsync(cancellationToken), () => Release(identity, version));
        }
        catch (Exception e)
        {
            Release(identity, version);
            if (e is not OperationCanceledException || version.Load.IsFaulted)
            {
                Forget(identity, version);
            }

            if (e is PluginVersionUnavailableException or OperationCanceledException)
            {
                throw;
            }

            // The run learns what it would without a snapshot; why this one could not load goes to the log.
            _logger.SnapshotUnusable(identity.ToString(), $"{e.GetType().Name}: {e.Message}");
            throw Unavailable(identity);
        }
    }

    private CatalogEntry? Current(PluginIdentity identity) =>
        Volatile.Read(ref _state).Entries.TryGetValue(identity.Name, out var entry) && entry.Plugin.Identity == identity ? entry : null;

    private CatalogEntry? Retired(PluginIdentity identity)
    {
        lock (_versionsGate)
        {
            return _retired.TryGetValue(identity, out var version) && version.Load.IsCompletedSuccessfully ? version.Load.Result : null;
        }
    }

    private async Task<CatalogEntry> LoadRetiredAsync(PluginIdentity identity, CancellationToken cancellationToken)
    {
        var lookup = _store!.Find(identity, cancellationToken);
        if (lookup.Path is not { } path)
        {
            _logger.SnapshotUnusable(identity.ToString(), lookup.Problem!);
            throw Unavailable(identity);
        }

        var read = ManifestReader.Read(path, cancellationToken);
        if (!read.IsValid || read.Manifest!.Name != identity.Name || read.Manifest.Version.ToString() != identity.Version)
        {
            _logger.SnapshotUnusable(identity.ToString(), $"the manifest in {path} is not valid for this version: {string.Join("; ", read.Errors.Select(p => p.Message))}");
            throw Unavailable(identity);
        }

        try
        {
            var entry = await _loader.LoadAsync(read.Manifest, source: null, read.Problems, identity, cancellationToken);
            _logger.VersionRestored(identity.ToString(), path);
            return entry;
        }
        catch (PluginLoadException e)
        {
            _logger.SnapshotUnusable(identity.ToString(), $"loading it from {path} failed: {e.Message}");
            throw Unavailable(identity);
        }
    }

    private void Release(PluginIdentity identity, RetiredVersion version)
    {
        lock (_versionsGate)
        {
            version.Leases--;
        }

        _store?.Touch(identity);
    }

    private void Forget(PluginIdentity identity, RetiredVersion version)
    {
        lock (_versionsGate)
        {
            if (_retired.TryGetValue(identity, out var known) && ReferenceEquals(known, version) && version.Leases == 0)
            {
                _retired.Remove(identity);
            }
        }
    }

    /// <summary>Copies a freshly loaded or kept external or assembly version into the store (built-ins are part of the binary).</summary>
    private void Snapshot(PluginManifest manifest, PluginIdentity identity, CancellationToken cancellationToken)
    {
        if (_store is not { } store || manifest.Type == PluginType.Builtin)
        {
            return;
        }

        try
        {
            store.Save(manifest.Directory, identity, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.SnapshotFailed(identity.ToString(), store.Root, e.Message);
        }
    }

    private void DisposeVersions()
    {
        _disposing.Cancel();
        List<RetiredVersion> versions;
        lock (_versionsGate)
        {
            versions = [.. _retired.Values];
            _retired.Clear();
        }

        foreach (var version in versions)
        {
            version.Unload();
        }

        _disposing.Dispose();
    }

    /// <summary>A replaced version loaded (or loading) from its snapshot, and how many phases execute on it now.</summary>
    private sealed class RetiredVersion(Task<CatalogEntry> load)
    {
        public Task<CatalogEntry> Load { get; } = load;

        public int Leases { get; set; }

        public void Unload()
        {
            if (Load.IsCompletedSuccessfully)
            {
                Load.Result.Runtime.Dispose();
            }
            else
            {
                // Still loading: unload what it loads once it is done.
                Load.ContinueWith(t => t.Result.Runtime.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
        }
    }
}
