using System.Runtime.CompilerServices;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Loading;
using Orchestrator.Plugins.Tests.Loading;
using Orchestrator.Plugins.Tests.Execution;

namespace Orchestrator.Plugins.Tests.Snapshots;

/// <summary>
/// Content-addressed snapshots keep a replaced version runnable for the runs pinned to it
/// (docs/writing-plugins.md#runs-in-flight): stored at load, run after an update, collected once nothing pins them.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PluginSnapshotTests : IDisposable
{
    private readonly PluginSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private string WriteTool(string version, string reply) =>
        _sandbox.WriteBash("tool", $"cat > /dev/null; echo '{{\"output\":\"{reply}\"}}'", version: version);

    /// <summary>Loads tool 1.0.0 (replies "one"), then updates it to 2.0.0 (replies "two").</summary>
    private async Task<(LoadedPlugin V1, LoadedPlugin V2)> UpdatedToolAsync()
    {
        WriteTool("1.0.0", "one");
        var v1 = await _sandbox.LoadAsync("tool");
        WriteTool("2.0.0", "two");
        return (v1, await UpdateAsync("tool"));
    }

    private async Task<LoadedPlugin> UpdateAsync(string name)
    {
        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);
        return _sandbox.Catalog.Get(name);
    }

    [Fact]
    public async Task ReloadAsync_ExternalPlugin_SnapshotHashesToItsIdentityAndKeepsModesAndLinks()
    {
        var directory = WriteTool("1.0.0", "one");
        File.CreateSymbolicLink(Path.Combine(directory, "outside"), "/etc/hostname");
        Directory.CreateDirectory(Path.Combine(directory, "empty"));

        var plugin = await _sandbox.LoadAsync("tool");

        var snapshot = _sandbox.SnapshotOf(plugin.Identity);
        ContentHash.Compute(snapshot, TestContext.Current.CancellationToken).ShouldBe(plugin.Identity.ContentHash);
        File.GetUnixFileMode(Path.Combine(snapshot, "run")).HasFlag(UnixFileMode.UserExecute).ShouldBeTrue();
        new FileInfo(Path.Combine(snapshot, "outside")).LinkTarget.ShouldBe("/etc/hostname", "a link is copied as a link, never followed");
        Directory.Exists(Path.Combine(snapshot, "empty")).ShouldBeTrue();
        Directory.EnumerateDirectories(Path.Combine(_sandbox.Snapshots, "tool")).ShouldBe([snapshot], "no temporary copy is left beside it");
    }

    [Fact]
    public async Task ExecuteAsync_PinnedExternalVersionAfterUpdate_RunsTheOldCodeFromItsSnapshot()
    {
        var (v1, v2) = await UpdatedToolAsync();

        var old = await _sandbox.ExecuteAsync(v1, "go");
        var current = await _sandbox.ExecuteAsync(v2, "go");

        v2.Identity.Version.ShouldBe("2.0.0");
        old.Output.GetString().ShouldBe("one");
        current.Output.GetString().ShouldBe("two");
    }

    [Fact]
    public async Task GetAsync_ReplacedVersion_FromItsSnapshotWhileWholeThenTheReplacedError()
    {
        var (v1, v2) = await UpdatedToolAsync();

        var whole = await _sandbox.Catalog.GetAsync(v1.Identity, TestContext.Current.CancellationToken);
        var current = await _sandbox.Catalog.GetAsync(v2.Identity, TestContext.Current.CancellationToken);
        _sandbox.Catalog.Collect([]);
        var gone = await Should.ThrowAsync<PluginVersionUnavailableException>(() => _sandbox.Catalog.GetAsync(v1.Identity, TestContext.Current.CancellationToken));

        whole.Identity.ShouldBe(v1.Identity);
        whole.Manifest.Directory.ShouldBe(_sandbox.SnapshotOf(v1.Identity));
        current.ShouldBe(v2);
        gone.Message.ShouldContain("it was replaced by 2.0.0");
    }

    [Fact]
    public async Task ExecuteAsync_PluginRemovedWhileRunsPinIt_PinnedVersionStillRuns()
    {
        var directory = WriteTool("1.0.0", "one");
        var v1 = await _sandbox.LoadAsync("tool");
        Directory.Delete(directory, recursive: true);
        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);

        var result = await _sandbox.ExecuteAsync(v1, "go");

        _sandbox.Catalog.TryGet("tool", out _).ShouldBeFalse();
        result.Output.GetString().ShouldBe("one");
    }

    [Fact]
    public async Task ExecuteAsync_SnapshotDamaged_FailsWithTheReplacedMessage()
    {
        var (v1, v2) = await UpdatedToolAsync();
        await File.AppendAllTextAsync(Path.Combine(_sandbox.SnapshotOf(v1.Identity), "run"), "\necho tampered\n", TestContext.Current.CancellationToken);

        var failure = await Should.ThrowAsync<PluginVersionUnavailableException>(() => _sandbox.ExecuteAsync(v1, "go"));

        failure.Message.ShouldBe(
            $"plugin 'tool' 1.0.0 (content {v1.Identity.ContentHash[..12]}) is not available: it was replaced by 2.0.0 (content {v2.Identity.ContentHash[..12]}); "
            + $"a run pinned to 1.0.0 (content {v1.Identity.ContentHash[..12]}) cannot continue on another version, start a new run");
        failure.Requested.ShouldBe(v1.Identity);
        failure.Current.ShouldBe(v2.Identity);
    }

    [Fact]
    public async Task ExecuteAsync_HalfWrittenSnapshotLeftByACrash_IsNotTakenForWhole()
    {
        var (v1, _) = await UpdatedToolAsync();
        var snapshot = _sandbox.SnapshotOf(v1.Identity);
        Directory.Delete(snapshot, recursive: true);
        Directory.CreateDirectory(Path.Combine(_sandbox.Snapshots, "tool", $".partial-{v1.Identity.ContentHash[..12]}-000000000000"));

        var failure = await Should.ThrowAsync<PluginVersionUnavailableException>(() => _sandbox.ExecuteAsync(v1, "go"));

        failure.Message.ShouldContain("it was replaced by 2.0.0");
    }

    [Fact]
    public async Task ExecuteAsync_NewCatalogAfterRestart_FindsThePinnedVersionInTheStore()
    {
        WriteTool("1.0.0", "one");
        PluginIdentity pinned;
        using (var before = new PluginCatalog(_sandbox.Options()))
        {
            await before.ReloadAsync(TestContext.Current.CancellationToken);
            pinned = before.Get("tool").Identity;
        }

        WriteTool("2.0.0", "two");
        var current = await UpdateAsync("tool");

        var result = await new PhaseExecutor(_sandbox.Catalog).ExecuteAsync(
            pinned, _sandbox.Request(current, "go") with { PluginVersion = pinned.Version }, TestContext.Current.CancellationToken);

        current.Identity.Version.ShouldBe("2.0.0");
        result.Output.GetString().ShouldBe("one");
    }

    [Fact]
    public async Task Collect_VersionStillPinnedOrInGrace_KeepsItAndCurrentIsNeverCollected()
    {
        _sandbox.SnapshotGrace = TimeSpan.FromHours(1);
        var (v1, v2) = await UpdatedToolAsync();
        await _sandbox.ExecuteAsync(v1, "go");

        var collected = _sandbox.Catalog.Collect([]);

        collected.ShouldBeEmpty("a version replaced a moment ago is in its grace time");
        Directory.Exists(_sandbox.SnapshotOf(v1.Identity)).ShouldBeTrue();
        Directory.Exists(_sandbox.SnapshotOf(v2.Identity)).ShouldBeTrue();
    }

    [Fact]
    public async Task Collect_LastPinnedRunEnds_AssemblyVersionUnloadedAndSnapshotDeleted()
    {
        WriteGreeter("Greeter.V1", "1.0.0");
        var v1 = await _sandbox.LoadAsync("greeter");
        WriteGreeter("Greeter.V2", "2.0.0");
        var v2 = await UpdateAsync("greeter");

        var old = await _sandbox.ExecuteAsync(v1, "greet", """{"name":"Ada"}""");
        var unloading = new StrongBox<bool>();
        var context = LoadContexts.ContextOf(_sandbox.Catalog, v1.Identity, unloading, retired: true);
        var whilePinned = _sandbox.Catalog.Collect([v1.Identity, v2.Identity]);
        var stillRuns = await _sandbox.ExecuteAsync(v1, "greet", """{"name":"Bo"}""");
        var afterLastRun = _sandbox.Catalog.Collect([v2.Identity]);

        old.Output.GetProperty("greeting").GetString().ShouldBe("Hello, Ada! (v1)");
        stillRuns.Output.GetProperty("greeting").GetString().ShouldBe("Hello, Bo! (v1)");
        whilePinned.ShouldBeEmpty();
        afterLastRun.ShouldBe([("greeter", v1.Identity.ContentHash)]);
        Directory.Exists(_sandbox.SnapshotOf(v1.Identity)).ShouldBeFalse("the snapshot of a version no run pins is deleted");
        Directory.Exists(_sandbox.SnapshotOf(v2.Identity)).ShouldBeTrue("the current version keeps its snapshot");
        unloading.Value.ShouldBeTrue("collection unloads the version's load context");

        // As in AssemblyPluginTests.ReloadAsync_PluginRemoved_ContextUnloaded: stale references from pool threads can
        // still reach the context right after it is unloaded; the next reload (as the watcher runs) drops them.
        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);
        LoadContexts.WaitCollected(context).ShouldBeTrue("the collected version's load context should be garbage collected");
        var gone = await Should.ThrowAsync<PluginVersionUnavailableException>(() => _sandbox.ExecuteAsync(v1, "greet"));
        gone.Message.ShouldContain("replaced by 2.0.0");
    }

    [Fact]
    public async Task Collect_ProcessWhoseStorePinsAVersion_MarksItSoAnotherProcessLeavesItAlone()
    {
        _sandbox.SnapshotGrace = TimeSpan.FromMinutes(30);
        var (v1, _) = await UpdatedToolAsync();
        var snapshot = _sandbox.SnapshotOf(v1.Identity);
        Directory.SetLastWriteTimeUtc(snapshot, DateTime.UtcNow - TimeSpan.FromHours(1));
        using var other = new PluginCatalog(_sandbox.Options());
        await other.ReloadAsync(TestContext.Current.CancellationToken);

        var byThisStore = _sandbox.Catalog.Collect([v1.Identity]);
        var byTheOther = other.Collect([]);

        byThisStore.ShouldBeEmpty();
        byTheOther.ShouldBeEmpty("the version was marked in use by the process whose runs pin it");
        Directory.Exists(snapshot).ShouldBeTrue();
    }

    [Fact]
    public async Task Collect_SnapshotsOfAnEarlierProcessThatNoRunPins_AreDeleted()
    {
        WriteTool("1.0.0", "one");
        using (var before = new PluginCatalog(_sandbox.Options()))
        {
            await before.ReloadAsync(TestContext.Current.CancellationToken);
        }

        WriteTool("2.0.0", "two");
        var v2 = await UpdateAsync("tool");

        var collected = _sandbox.Catalog.Collect([]);

        collected.ShouldHaveSingleItem().Name.ShouldBe("tool");
        Directory.EnumerateDirectories(Path.Combine(_sandbox.Snapshots, "tool")).ShouldBe([_sandbox.SnapshotOf(v2.Identity)]);
    }

    [Fact]
    public async Task Collect_BeforeTheFirstReload_DeletesNothing()
    {
        WriteTool("1.0.0", "one");
        using (var before = new PluginCatalog(_sandbox.Options()))
        {
            await before.ReloadAsync(TestContext.Current.CancellationToken);
        }

        var collected = _sandbox.Catalog.Collect([]);

        collected.ShouldBeEmpty("what is current is not known before the first reload");
        Directory.EnumerateDirectories(Path.Combine(_sandbox.Snapshots, "tool")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ReloadAsync_SnapshotDirectoryConfigured_StoresThere()
    {
        var store = _sandbox.Sub("store");
        WriteTool("1.0.0", "one");
        using var catalog = new PluginCatalog(new PluginOptions
        {
            Discovery = _sandbox.Options().Discovery,
            HostEnvironment = _sandbox.HostEnvironment,
            SnapshotDirectory = store,
        });

        await catalog.ReloadAsync(TestContext.Current.CancellationToken);

        catalog.SnapshotDirectory.ShouldBe(store);
        Directory.Exists(Path.Combine(store, "tool", catalog.Get("tool").Identity.ContentHash)).ShouldBeTrue();
        Directory.Exists(_sandbox.Snapshots).ShouldBeFalse();
    }

    [Fact]
    public async Task ReloadAsync_BuiltInPlugin_HasNoSnapshot()
    {
        _sandbox.BuiltIns["echo"] = () => new SayProvider();
        File.WriteAllText(Path.Combine(_sandbox.Sub("plugins", "echo"), "plugin.yaml"), "name: echo\nversion: 1.0.0\ntype: builtin\ndomains: [code]\nphases:\n  - name: say\n    order: 1\n");

        await _sandbox.LoadAsync("echo");

        Directory.Exists(Path.Combine(_sandbox.Snapshots, "echo")).ShouldBeFalse();
    }

    private void WriteGreeter(string build, string version) =>
        _sandbox.WriteAssembly("greeter", build, "TestPlugin.Greeter.dll", LoadContexts.GreeterPhases, version);

    private sealed class SayProvider : IPhaseProvider
    {
        public IReadOnlyList<IPhase> CreatePhases() => [new SayPhase()];
    }

    private sealed class SayPhase : IPhase
    {
        public string Name => "say";

        public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken) => Task.FromResult(new PhaseResult());
    }
}
