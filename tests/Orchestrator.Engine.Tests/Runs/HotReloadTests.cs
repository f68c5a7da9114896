using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Tests.Infrastructure;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Tests.Runs;

public sealed class HotReloadTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Start_PluginAddedAfterTheWorkerStarted_RunsItsPhaseActivities()
    {
        await using var engine = await EngineHarness.StartAsync(_root);
        TestPlugins.External(_root, "late", "  - name: arrive\n    order: 1\n", "\"arrive\"", """
                echo '{"output":"arrived"}'
            """);
        await engine.Services.GetRequiredService<PluginCatalog>().ReloadAsync(TestContext.Current.CancellationToken);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "late" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        run.Output!.SharedData.PhaseOutputs["arrive"].GetString().ShouldBe("arrived");
    }

    [Fact]
    public async Task Run_PluginReplacedWhileWaiting_NextPhaseFailsClearlyInsteadOfRunningTheNewVersion()
    {
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["gate"] = () => new DelegateProvider(
                new DelegatePhase("hold", (_, _) => Task.FromResult(PhaseResult.FromOutput("held"))),
                new DelegatePhase("after", (_, _) => Task.FromResult(PhaseResult.FromOutput("after")))),
        };
        TestPlugins.BuiltIn(_root, "gate", """
              - name: hold
                order: 1
                approval: true
                retryable: true
                max_retries: 3
                retry_interval: 10ms
              - name: after
                order: 2
            """);
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);
        var token = TestContext.Current.CancellationToken;
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "gate" }, token);
        await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "hold", "waiting for approval");

        var manifest = _root.Combine("plugins", "gate", "plugin.yaml");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("version: 1.0.0", "version: 2.0.0", StringComparison.Ordinal));
        await engine.Services.GetRequiredService<PluginCatalog>().ReloadAsync(token);
        await engine.Runs.ApproveAsync(runId, null, null, token);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Failed);
        run.Failure.ShouldNotBeNull().ShouldContain("'hold'");
        run.Failure.ShouldContain("1.0.0");
        run.Progress!.SharedData!.Errors.ShouldHaveSingleItem().Attempt.ShouldBe(1);
    }
}
