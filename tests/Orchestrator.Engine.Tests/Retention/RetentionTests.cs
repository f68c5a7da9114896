using Microsoft.Extensions.Time.Testing;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Tests.Infrastructure;

namespace Orchestrator.Engine.Tests.Retention;

public sealed class RetentionTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task PurgeExpired_OldFinishedAndRunningRuns_PurgesFinishedWithWorkspacesKeepsRunning()
    {
        TestPlugins.BuiltIn(_root, "quick", "  - name: go\n    order: 1\n");
        TestPlugins.BuiltIn(_root, "gate", "  - name: wait\n    order: 1\n    approval: true\n");
        _root.Write("workflows/short.yaml", "name: short\nplugin: quick\nretention: 1h\n");
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["quick"] = () => new DelegateProvider(new DelegatePhase("go", (r, _) =>
            {
                File.WriteAllText(Path.Combine(r.WorkingDirectory, "out.txt"), "x");
                return Task.FromResult(PhaseResult.FromOutput(1));
            })),
            ["gate"] = () => new DelegateProvider(new DelegatePhase("wait", (_, _) => Task.FromResult(PhaseResult.FromOutput(2)))),
        };
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var engine = await EngineHarness.StartAsync(_root, builtIns, time);
        var token = TestContext.Current.CancellationToken;
        var completed = await engine.Runs.StartAsync(new RunRequest { Target = "quick" }, token);
        var shortLived = await engine.Runs.StartAsync(new RunRequest { Target = "short" }, token);
        var waiting = await engine.Runs.StartAsync(new RunRequest { Target = "gate" }, token);
        await engine.WaitAsync(completed);
        await engine.WaitAsync(shortLived);
        await engine.WaitForAsync(waiting, r => r.Progress?.WaitingForApproval == "wait", "waiting for approval");

        // No phase of the waiting run has run yet, so nothing made its workspace: here is what one would have written.
        var waitingFile = _root.Write(Path.Combine(engine.DataDirectory, "runs", waiting, "draft.md"), "kept");
        (await engine.Runs.PurgeExpiredAsync(token)).ShouldBeEmpty();

        time.Advance(TimeSpan.FromHours(2));
        (await engine.Runs.PurgeExpiredAsync(token)).ShouldBe([shortLived]);

        time.Advance(TimeSpan.FromDays(8));
        (await engine.Runs.PurgeExpiredAsync(token)).ShouldBe([completed]);

        (await engine.Runs.GetAsync(completed, token)).ShouldBeNull();
        (await engine.Runs.GetAsync(shortLived, token)).ShouldBeNull();
        Directory.Exists(Path.Combine(engine.DataDirectory, "runs", completed)).ShouldBeFalse();
        (await engine.Runs.GetAsync(waiting, token)).ShouldNotBeNull().Status.ShouldBe(RunStatus.Running);
        File.ReadAllText(waitingFile).ShouldBe("kept");
    }

    [Fact]
    public async Task Purge_RunningRun_RefusedAndKept()
    {
        TestPlugins.BuiltIn(_root, "gate", "  - name: wait\n    order: 1\n    approval: true\n");
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["gate"] = () => new DelegateProvider(new DelegatePhase("wait", (_, _) => Task.FromResult(PhaseResult.FromOutput(2)))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);
        var token = TestContext.Current.CancellationToken;
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "gate" }, token);
        await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "wait", "waiting for approval");

        var ex = await Should.ThrowAsync<Abstractions.OrchestratorException>(() => engine.Runs.PurgeAsync(runId, token));

        ex.Message.ShouldContain("terminate it first");
        (await engine.Runs.GetAsync(runId, token)).ShouldNotBeNull();
    }

    [Fact]
    public async Task RetentionService_IntervalElapses_PurgesExpiredRunsOnItsOwn()
    {
        TestPlugins.BuiltIn(_root, "quick", "  - name: go\n    order: 1\n");
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["quick"] = () => new DelegateProvider(new DelegatePhase("go", (_, _) => Task.FromResult(PhaseResult.FromOutput(1)))),
        };
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var engine = await EngineHarness.StartAsync(_root, builtIns, time, configure: o =>
        {
            o.EnableRetention = true;
            o.Retention = TimeSpan.FromHours(1);
            o.CleanupInterval = TimeSpan.FromMinutes(10);
        });
        var token = TestContext.Current.CancellationToken;
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "quick" }, token);
        await engine.WaitAsync(runId);

        time.Advance(TimeSpan.FromHours(2));

        // The history goes first and the workspace right after it, so both are waited for.
        var workspace = Path.Combine(engine.DataDirectory, "runs", runId);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await engine.Runs.GetAsync(runId, token) is not null || Directory.Exists(workspace))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the retention job did not purge the expired run and its workspace");
            await Task.Delay(50, token);
        }

        Directory.Exists(workspace).ShouldBeFalse();
    }
}
