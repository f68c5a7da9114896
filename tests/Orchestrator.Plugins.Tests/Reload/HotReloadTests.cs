using Microsoft.Extensions.Logging;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Loading;
using Orchestrator.Plugins.Reload;
using Orchestrator.Plugins.Tests.Execution;

namespace Orchestrator.Plugins.Tests.Reload;

/// <summary>Reload by call and by the file watcher: add, update, remove; pinned identities; content hashes.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HotReloadTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly PluginSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private string WriteTool(string name, string version = "1.0.0", string reply = "one") =>
        _sandbox.WriteBash(name, $"cat > /dev/null; echo '{{\"output\":\"{reply}\"}}'", version: version);

    [Fact]
    public async Task ReloadAsync_AddUpdateRemove_ReportsEachChange()
    {
        WriteTool("alpha");
        var first = await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);
        var alpha = _sandbox.Catalog.Get("alpha");

        WriteTool("alpha", "1.1.0", "two");
        WriteTool("beta");
        var second = await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);
        var alpha2 = _sandbox.Catalog.Get("alpha");

        Directory.Delete(Path.Combine(_sandbox.Plugins, "beta"), recursive: true);
        var third = await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);
        var unchanged = await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);

        first.Added.Select(p => p.Name).ShouldBe(["alpha"]);
        second.Added.Select(p => p.Name).ShouldBe(["beta"]);
        second.Updated.ShouldBe([new PluginUpdate(alpha.Identity, alpha2.Identity)]);
        alpha2.Identity.Version.ShouldBe("1.1.0");
        third.Removed.Select(p => p.Name).ShouldBe(["beta"]);
        unchanged.HasChanges.ShouldBeFalse();
        (await _sandbox.ExecuteAsync(alpha2, "go")).Output.GetString().ShouldBe("two");
    }

    [Fact]
    public async Task ExecuteAsync_PinnedIdentityAfterContentEditSnapshotGone_FailsNamingBothHashes()
    {
        var directory = WriteTool("alpha");
        var pinned = await _sandbox.LoadAsync("alpha");
        await File.AppendAllTextAsync(Path.Combine(directory, "run"), "\n# edited\n", TestContext.Current.CancellationToken);
        var result = await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);
        Directory.Delete(_sandbox.SnapshotOf(pinned.Identity), recursive: true);
        var current = _sandbox.Catalog.Get("alpha");

        var failure = await Should.ThrowAsync<PluginVersionUnavailableException>(() => _sandbox.ExecuteAsync(pinned, "go"));

        result.Updated.ShouldHaveSingleItem();
        current.Identity.Version.ShouldBe(pinned.Identity.Version);
        current.Identity.ContentHash.ShouldNotBe(pinned.Identity.ContentHash);
        failure.Requested.ShouldBe(pinned.Identity);
        failure.Current.ShouldBe(current.Identity);
        failure.Message.ShouldContain(pinned.Identity.ContentHash[..12]);
        failure.Message.ShouldContain(current.Identity.ContentHash[..12]);
        failure.Message.ShouldContain("cannot continue on another version");
    }

    [Fact]
    public async Task Watcher_FilesChangeOnDisk_AddsUpdatesAndRemovesWithoutRestart()
    {
        using var watcher = new PluginWatcher(_sandbox.Catalog);
        await watcher.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var directory = WriteTool("watched");
            await WaitForAsync(() => _sandbox.Catalog.TryGet("watched", out _), "the new plugin to be loaded");

            var manifest = Path.Combine(directory, "plugin.yaml");
            await File.WriteAllTextAsync(
                manifest,
                (await File.ReadAllTextAsync(manifest, TestContext.Current.CancellationToken)).Replace("version: 1.0.0", "version: 1.2.0", StringComparison.Ordinal),
                TestContext.Current.CancellationToken);
            await WaitForAsync(() => _sandbox.Catalog.TryGet("watched", out var p) && p.Identity.Version == "1.2.0", "the edited manifest to be reloaded");

            Directory.Delete(directory, recursive: true);
            await WaitForAsync(() => !_sandbox.Catalog.TryGet("watched", out _), "the deleted plugin to be removed");
        }
        finally
        {
            await watcher.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Watcher_SearchPathCreatedLater_PluginsInItAreLoaded()
    {
        Directory.Delete(_sandbox.Plugins);
        using var watcher = new PluginWatcher(_sandbox.Catalog);
        await watcher.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            Directory.CreateDirectory(_sandbox.Plugins);
            await Task.Delay(300, TestContext.Current.CancellationToken);
            WriteTool("late");

            await WaitForAsync(() => _sandbox.Catalog.TryGet("late", out _), "a plugin in a search path created after start");
        }
        finally
        {
            await watcher.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Watcher_ChangeMadeTheMomentAReloadEnds_IsNotMissed()
    {
        // Each plugin is written as soon as the previous one is seen, which is while the watcher finishes the reload
        // that loaded it: the watchers must stay in place across reloads, or such a change is lost.
        using var watcher = new PluginWatcher(_sandbox.Catalog);
        await watcher.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            for (var i = 0; i < 12; i++)
            {
                WriteTool($"step{i}");
                await WaitForAsync(() => _sandbox.Catalog.TryGet($"step{i}", out _), $"plugin step{i}, written right after the reload that loaded step{i - 1}");
            }
        }
        finally
        {
            await watcher.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Watcher_FifoManifestAppearsThenGoes_ReloadsFinishAndWatchingGoesOn()
    {
        using var watcher = new PluginWatcher(_sandbox.Catalog);
        await watcher.StartAsync(TestContext.Current.CancellationToken);
        var fifo = Path.Combine(_sandbox.Plugins, "stuck", "plugin.yaml");
        try
        {
            SpecialFiles.Fifo(fifo);
            await WaitForAsync(() => _sandbox.Catalog.Problems.Any(p => p.Path.EndsWith("stuck", StringComparison.Ordinal)), "the FIFO manifest to be reported");
            _sandbox.Catalog.Problems.Single(p => p.Path.EndsWith("stuck", StringComparison.Ordinal)).ManifestProblems
                .ShouldHaveSingleItem().Message.ShouldContain("is a FIFO (named pipe)");

            Directory.Delete(Path.GetDirectoryName(fifo)!, recursive: true);
            WriteTool("after");
            await WaitForAsync(() => _sandbox.Catalog.TryGet("after", out _) && _sandbox.Catalog.Problems.IsEmpty, "a plugin added after the FIFO was removed");

            var reload = await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken).WaitAsync(Deadline, TestContext.Current.CancellationToken);
            reload.Problems.ShouldBeEmpty();
        }
        finally
        {
            SpecialFiles.Unblock(fifo);
            await watcher.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Watcher_SearchPathMissing_FilesBesideItInTheParentAreNotChanges()
    {
        // $XDG_DATA_HOME/orchestrator holds the default database and the run workspaces beside the plugins directory
        // that usually does not exist: their writes must not make the watcher reload.
        Directory.Delete(_sandbox.Plugins);
        var beside = Path.Combine(_sandbox.Root, "orchestrator.db");
        var watched = new WatchedPaths();
        using var logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(watched));
        using var watcher = new PluginWatcher(_sandbox.Catalog, logging);
        await watcher.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            for (var write = 0; write < 10; write++)
            {
                await File.AppendAllTextAsync(beside, "page", TestContext.Current.CancellationToken);
            }

            Directory.CreateDirectory(_sandbox.Plugins);
            await Task.Delay(300, TestContext.Current.CancellationToken);
            WriteTool("late");

            await WaitForAsync(() => _sandbox.Catalog.TryGet("late", out _), "a plugin in a search path created after start");
            watched.Paths.ShouldContain(_sandbox.Plugins);
            watched.Paths.ShouldNotContain(beside);
        }
        finally
        {
            await watcher.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void ContentHash_SameFilesElsewhere_SameHashAndAnyByteChangesIt()
    {
        var a = WriteTool("same");
        var b = _sandbox.Sub("copy");
        foreach (var file in Directory.EnumerateFiles(a))
        {
            File.Copy(file, Path.Combine(b, Path.GetFileName(file)));
        }

        var hashA = ContentHash.Compute(a, TestContext.Current.CancellationToken);
        var hashB = ContentHash.Compute(b, TestContext.Current.CancellationToken);
        File.AppendAllText(Path.Combine(b, "plugin.yaml"), " ");
        var edited = ContentHash.Compute(b, TestContext.Current.CancellationToken);
        File.Move(Path.Combine(b, "run"), Path.Combine(b, "run2"));
        var renamed = ContentHash.Compute(b, TestContext.Current.CancellationToken);

        hashB.ShouldBe(hashA);
        hashA.ShouldMatch("^[0-9a-f]{64}$");
        edited.ShouldNotBe(hashA);
        renamed.ShouldNotBe(edited);
    }

    /// <summary>The paths the watcher took as changes (its debug line per change).</summary>
    private sealed class WatchedPaths : ILoggerProvider, ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _paths = new();

        public IReadOnlyCollection<string> Paths => _paths;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "Path").Value is string path)
            {
                _paths.Enqueue(path);
            }
        }

        public void Dispose()
        {
        }
    }

    private async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException(
                    $"timed out after {Deadline.TotalSeconds}s waiting for {what}; loaded: {string.Join(", ", _sandbox.Catalog.List().Select(p => p.Identity))}; "
                    + $"problems: {string.Join("; ", _sandbox.Catalog.Problems)}");
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
