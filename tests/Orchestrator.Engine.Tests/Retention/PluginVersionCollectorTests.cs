using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Engine.Retention;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Tests.Infrastructure;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Tests.Retention;

/// <summary>
/// The run store says which plugin versions unfinished runs pin; a replaced version is kept for them and collected
/// once the last one ends (docs/writing-plugins.md#runs-in-flight).
/// </summary>
public sealed class PluginVersionCollectorTests : IDisposable
{
    private const string Phases = """
          - name: hold
            order: 1
            approval: true
          - name: after
            order: 2
        """;

    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private void WritePlugin(string reply) =>
        TestPlugins.External(_root, "held", Phases, "\"hold\",\"after\"", $$"""
                echo '{"output":"{{reply}}"}'
            """);

    [Fact]
    public async Task CollectAsync_RunPinsAReplacedVersion_KeptUntilTheRunEndsThenDeleted()
    {
        WritePlugin("one");
        await using var engine = await EngineHarness.StartAsync(_root, plugins: o => o.SnapshotGrace = TimeSpan.Zero);
        var token = TestContext.Current.CancellationToken;
        var catalog = engine.Services.GetRequiredService<PluginCatalog>();
        await catalog.ReloadAsync(token);
        var collector = engine.Services.GetServices<IHostedService>().OfType<PluginVersionCollector>().ShouldHaveSingleItem();
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "held" }, token);
        var waiting = await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "hold", "waiting for approval");
        var v1 = waiting.Plugin.ShouldNotBeNull();

        WritePlugin("two");
        await catalog.ReloadAsync(token);
        var pinned = await collector.PinnedAsync(token);
        var whileWaiting = await collector.CollectAsync(token);
        await engine.Runs.ApproveAsync(runId, null, null, token);
        var run = await engine.WaitAsync(runId);
        var afterTheRun = await collector.CollectAsync(token);

        pinned.ShouldBe([v1]);
        whileWaiting.ShouldBeEmpty();
        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        run.Output!.SharedData.PhaseOutputs["after"].GetString().ShouldBe("one", "the run finishes on the version it started on");
        run.Plugin.ShouldBe(v1);
        afterTheRun.ShouldBe([("held", v1.ContentHash)]);
        Directory.Exists(Path.Combine(catalog.SnapshotDirectory!, "held", v1.ContentHash)).ShouldBeFalse();
        Directory.Exists(Path.Combine(catalog.SnapshotDirectory!, "held", catalog.Get("held").Identity.ContentHash)).ShouldBeTrue();
        (await collector.PinnedAsync(token)).ShouldBeEmpty("a completed run pins nothing");
    }

    [Fact]
    public async Task PinnedAsync_TerminatedRun_PinsNothing()
    {
        WritePlugin("one");
        await using var engine = await EngineHarness.StartAsync(_root);
        var token = TestContext.Current.CancellationToken;
        await engine.Services.GetRequiredService<PluginCatalog>().ReloadAsync(token);
        var collector = engine.Services.GetServices<IHostedService>().OfType<PluginVersionCollector>().ShouldHaveSingleItem();
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "held" }, token);
        await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "hold", "waiting for approval");

        var before = await collector.PinnedAsync(token);
        await engine.Runs.TerminateAsync(runId, "no longer wanted", token);
        await engine.WaitAsync(runId);
        var after = await collector.PinnedAsync(token);

        before.ShouldHaveSingleItem().Name.ShouldBe("held");
        after.ShouldBeEmpty();
    }
}
