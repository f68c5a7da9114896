using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Plugins.Reload;

/// <summary>
/// Hot reload (docs/writing-plugins.md#hot-reload): loads the plugins when the host starts, then watches every search path (and, for one
/// that does not exist yet, its nearest existing parent) and reloads once changes have been quiet for the
/// debounce period. Plugins are added, updated and removed without a restart.
/// </summary>
public sealed class PluginWatcher : BackgroundService
{
    private readonly PluginCatalog _catalog;
    private readonly ILogger _logger;
    private readonly Channel<string> _changes = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<(string Directory, string SearchPath, bool Recursive), FileSystemWatcher> _watchers = [];

    public PluginWatcher(PluginCatalog catalog, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Orchestrator.Plugins");
    }

    /// <summary>
    /// The initial load happens before the host reports started, so nothing runs against an empty catalog; the
    /// watchers are in place when this returns, so no change made after start is missed.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _catalog.ReloadAsync(cancellationToken);
        if (_catalog.Options.WatchForChanges)
        {
            _ = Watch();
        }

        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        DisposeWatchers();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_catalog.Options.WatchForChanges)
        {
            return;
        }

        var debounce = _catalog.Options.ReloadDebounce;
        while (await _changes.Reader.WaitToReadAsync(stoppingToken))
        {
            // Wait until no change has arrived for the debounce period: an editor's save or a build is many events.
            do
            {
                while (_changes.Reader.TryRead(out var path))
                {
                    _logger.WatcherChange(path);
                }

                await Task.Delay(debounce, stoppingToken);
            }
            while (_changes.Reader.TryPeek(out _));

            try
            {
                await _catalog.ReloadAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.ReloadFailed(e);
            }

            // Search paths created since the last reload are watched from now on; what changed in them before their
            // watcher started is picked up by one more reload.
            foreach (var directory in Watch())
            {
                _changes.Writer.TryWrite(directory);
            }
        }
    }

    /// <summary>
    /// Watches the nearest existing directory of every search path. Watchers that still fit are kept, so no change
    /// is missed while the set is brought up to date; returns the directories watched that were not before.
    /// </summary>
    private List<string> Watch()
    {
        var wanted = new HashSet<(string Directory, string SearchPath, bool Recursive)>();
        foreach (var searchPath in _catalog.SearchPaths)
        {
            var directory = searchPath.Directory;
            var recursive = true;
            while (!Directory.Exists(directory))
            {
                recursive = false;
                directory = Path.GetDirectoryName(directory);
                if (directory is null)
                {
                    break;
                }
            }

            if (directory is not null)
            {
                wanted.Add((directory, searchPath.Directory, recursive));
            }
        }

        var added = new List<string>();
        foreach (var key in wanted.Where(k => !_watchers.ContainsKey(k)))
        {
            var watcher = TryWatch(key.Directory, key.SearchPath, key.Recursive);
            if (watcher is not null)
            {
                _watchers.Add(key, watcher);
                added.Add(key.Directory);
            }
        }

        foreach (var key in _watchers.Keys.Where(k => !wanted.Contains(k)).ToList())
        {
            _watchers[key].Dispose();
            _watchers.Remove(key);
        }

        return added;
    }

    private FileSystemWatcher? TryWatch(string directory, string searchPath, bool recursive)
    {
        try
        {
            var watcher = new FileSystemWatcher(directory)
            {
                IncludeSubdirectories = recursive,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.Attributes,
            };
            // A parent watched for a search path that does not exist yet holds other things too (the default
            // database and the run workspaces live in $XDG_DATA_HOME/orchestrator): only what leads to the path counts.
            FileSystemEventHandler onChange = recursive ? OnChange : (_, e) => OnChangeOnTheWayTo(searchPath, e.FullPath);
            watcher.Changed += onChange;
            watcher.Created += onChange;
            watcher.Deleted += onChange;
            watcher.Renamed += (sender, e) => onChange(sender, e);
            watcher.Error += (_, e) => _changes.Writer.TryWrite(directory);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            _logger.WatchFailed(directory, e.Message);
            return null;
        }
    }

    private void OnChange(object sender, FileSystemEventArgs e) => _changes.Writer.TryWrite(e.FullPath);

    private void OnChangeOnTheWayTo(string searchPath, string changed)
    {
        var path = Path.TrimEndingDirectorySeparator(searchPath);
        if (path == changed || path.StartsWith(Path.TrimEndingDirectorySeparator(changed) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            _changes.Writer.TryWrite(changed);
        }
    }

    private void DisposeWatchers()
    {
        foreach (var watcher in _watchers.Values)
        {
            watcher.Dispose();
        }

        _watchers.Clear();
    }
}
