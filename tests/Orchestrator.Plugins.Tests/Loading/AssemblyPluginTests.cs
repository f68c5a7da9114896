using System.Runtime.CompilerServices;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Tests.Execution;

namespace Orchestrator.Plugins.Tests.Loading;

/// <summary>.NET assembly plugins built from tests/TestPlugins/, loaded into collectible contexts.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AssemblyPluginTests : IDisposable
{
    private readonly PluginSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private string WriteGreeter(string build = "Greeter.V1", string version = "1.0.0")
    {
        var directory = _sandbox.WriteAssembly("greeter", build, "TestPlugin.Greeter.dll", LoadContexts.GreeterPhases, version, extraYaml: "prompts:\n  greet: prompts/greet.md\n");
        Directory.CreateDirectory(Path.Combine(directory, "prompts"));
        File.WriteAllText(Path.Combine(directory, "prompts", "greet.md"), "Greet warmly.");
        return directory;
    }

    [Fact]
    public async Task ExecuteAsync_AssemblyPhase_OutputArtifactMetadataAndPrompt()
    {
        WriteGreeter();
        var plugin = await _sandbox.LoadAsync("greeter");

        var result = await _sandbox.ExecuteAsync(plugin, "greet", """{"name":"Ada"}""");

        result.Output.GetProperty("greeting").GetString().ShouldBe("Hello, Ada! (v1)");
        result.Output.GetProperty("prompt").GetString().ShouldBe("Greet warmly.");
        result.Metadata["greeted"].GetString().ShouldBe("Ada");
        result.Artifacts.ShouldBe(["greeting.txt"]);
        (await File.ReadAllTextAsync(Path.Combine(_sandbox.Workdir, "greeting.txt"), TestContext.Current.CancellationToken)).ShouldBe("Hello, Ada! (v1)");
    }

    [Fact]
    public async Task ExecuteAsync_AssemblyPlugin_SharesContractWithHostInOwnContext()
    {
        WriteGreeter();
        var plugin = await _sandbox.LoadAsync("greeter");

        var result = await _sandbox.ExecuteAsync(plugin, "where");

        result.Output.GetProperty("contract").GetString().ShouldBe("Default");
        result.Output.GetProperty("plugin").GetString().ShouldStartWith("greeter@1.0.0#");
    }

    [Fact]
    public async Task ExecuteAsync_ExplicitProvider_UsesPrivateDependencyFromPluginDirectory()
    {
        _sandbox.WriteAssembly("shouter", "Provider", "TestPlugin.Provider.dll", "  - name: shout\n    order: 1\n");
        var plugin = await _sandbox.LoadAsync("shouter");

        var result = await _sandbox.ExecuteAsync(plugin, "shout", """{"text":"hello"}""");

        result.Output.GetProperty("text").GetString().ShouldBe("HELLO!");
        result.Output.GetProperty("helper_context").GetString().ShouldStartWith("shouter@1.0.0#");
    }

    [Fact]
    public async Task ExecuteAsync_PhaseThrows_FailedWithTheExceptionMessage()
    {
        WriteGreeter();
        var plugin = await _sandbox.LoadAsync("greeter");

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "fail"));

        failure.Kind.ShouldBe(PhaseFailureKind.Failed);
        failure.Message.ShouldContain("InvalidOperationException: the greeter refuses");
    }

    [Fact]
    public async Task ExecuteAsync_PhaseOverruns_TimeoutFailure()
    {
        WriteGreeter();
        var plugin = await _sandbox.LoadAsync("greeter");

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "wait"));

        failure.Kind.ShouldBe(PhaseFailureKind.Timeout);
        failure.Message.ShouldContain("timed out after 0.2s");
    }

    [Fact]
    public async Task ReloadAsync_NewVersionBuilt_RunsNewCodeAndUnloadsOldContext()
    {
        var directory = WriteGreeter();
        var v1 = await _sandbox.LoadAsync("greeter");
        await _sandbox.ExecuteAsync(v1, "greet", """{"name":"Ada"}""");
        var unloading = new StrongBox<bool>();
        var oldContext = LoadContexts.ContextOf(_sandbox.Catalog, v1.Identity, unloading);
        oldContext.IsAlive.ShouldBeTrue();

        WriteGreeter("Greeter.V2", "2.0.0");
        var reload = await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);
        var v2 = _sandbox.Catalog.Get("greeter");
        var result = await _sandbox.ExecuteAsync(v2, "greet", """{"name":"Ada"}""");

        reload.Updated.ShouldHaveSingleItem().ShouldBe(new Orchestrator.Plugins.Reload.PluginUpdate(v1.Identity, v2.Identity));
        result.Output.GetProperty("greeting").GetString().ShouldBe("Hello, Ada! (v2)");
        var pinned = Should.Throw<PluginVersionUnavailableException>(() => _sandbox.Catalog.Get(v1.Identity));
        pinned.Message.ShouldContain("1.0.0");
        pinned.Message.ShouldContain("replaced by 2.0.0");
        pinned.Message.ShouldContain(v1.Identity.ContentHash[..12]);
        pinned.Message.ShouldContain(v2.Identity.ContentHash[..12]);
        Directory.Exists(directory).ShouldBeTrue();
        LoadContexts.WaitCollected(oldContext).ShouldBeTrue("the replaced version's load context should be collected");
    }

    [Fact]
    public async Task ReloadAsync_PluginRemoved_ContextUnloaded()
    {
        var directory = WriteGreeter();
        var plugin = await _sandbox.LoadAsync("greeter");

        await _sandbox.ExecuteAsync(plugin, "greet");
        var unloading = new StrongBox<bool>();
        var context = LoadContexts.ContextOf(_sandbox.Catalog, plugin.Identity, unloading);

        Directory.Delete(directory, recursive: true);
        var reload = await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);

        reload.Removed.ShouldBe([plugin.Identity]);
        // Observed: right after the removing reload, stale references from that reload's worker threads can still
        // reach the context; the next reload (as a watcher would run) drops them. A leak would survive it.
        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);
        LoadContexts.WaitCollected(context).ShouldBeTrue("the removed plugin's load context should be collected");
        Should.Throw<PluginVersionUnavailableException>(() => _sandbox.Catalog.Get(plugin.Identity)).Message.ShouldContain("no plugin named 'greeter' is loaded");
    }

    [Fact]
    public async Task ReloadAsync_ManifestPhaseWithoutImplementation_RejectedNamingIt()
    {
        _sandbox.WriteAssembly("greeter", "Greeter.V1", "TestPlugin.Greeter.dll", LoadContexts.GreeterPhases + "  - name: farewell\n    order: 5\n");

        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);

        var problem = _sandbox.Catalog.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(PluginProblemKind.LoadFailed);
        problem.Message.ShouldContain("no implementation of phase 'farewell'");
    }

    [Fact]
    public async Task ReloadAsync_ImplementationWithoutManifestPhase_RejectedNamingIt()
    {
        _sandbox.WriteAssembly("greeter", "Greeter.V1", "TestPlugin.Greeter.dll", "  - name: greet\n    order: 1\n");

        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);

        _sandbox.Catalog.Problems.ShouldHaveSingleItem().Message.ShouldContain("which the manifest does not declare");
    }

    [Fact]
    public async Task ReloadAsync_EntryIsNotAnAssembly_RejectedWithLoadError()
    {
        var directory = Path.Combine(_sandbox.Plugins, "fake");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "Fake.dll"), "this is not a .NET assembly", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(
            Path.Combine(directory, "plugin.yaml"),
            "name: fake\nversion: 1.0.0\ntype: external\nbinary: false\nentry_point: Fake.dll\ndomains: [code]\nphases:\n  - name: go\n    order: 1\n",
            TestContext.Current.CancellationToken);

        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);

        var problem = _sandbox.Catalog.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(PluginProblemKind.LoadFailed);
        problem.Message.ShouldContain("cannot load .NET assembly 'Fake.dll'");
    }
}
