using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Abstractions;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Tests.Infrastructure;

namespace Orchestrator.Engine.Tests.Runs;

/// <summary>
/// An approval or rejection applies only to the approval phase waiting when it is given: one sent earlier is refused,
/// and an event that reached the run before its gate (or meant for an earlier gate) never opens it; on every backend.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ApprovalTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _root.Dispose();

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task Approve_BeforeTheGate_RefusedAndEventsQueuedEarlierOpenNoGate(string backend)
    {
        await using var engine = await StartAsync(backend);
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "gates" }, _ct);
        await engine.WaitForAsync(runId, r => r.Progress?.Running.Any(a => a.Phase == "work") == true, "work running");

        var early = await Should.ThrowAsync<OrchestratorException>(() => engine.Runs.ApproveAsync(runId, null, null, _ct));
        var earlyReject = await Should.ThrowAsync<OrchestratorException>(() => engine.Runs.RejectAsync(runId, "first", "too soon", _ct));
        // What the probe sent: approve events that reached the run while phase 1 ran (as any client of the sidecar can).
        var client = engine.Services.GetRequiredService<DurableTaskClient>();
        await client.RaiseEventAsync(runId, OrchestrationNames.ApproveEvent, new { early = 1 }, _ct);
        await client.RaiseEventAsync(runId, OrchestrationNames.ApproveEvent, new { early = 2 }, _ct);
        _release.SetResult();

        await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "first" || r.IsTerminal, "waiting at the first gate");
        var wrongGate = await Should.ThrowAsync<OrchestratorException>(() => engine.Runs.ApproveAsync(runId, "second", null, _ct));
        var first = await engine.Runs.ApproveAsync(runId, "first", Payload("ana"), _ct);
        // A second approval of the first gate, racing the first one, reaches the run while the second gate waits.
        await client.RaiseEventAsync(runId, OrchestrationNames.ApproveEvent, new GateDecision("first", Payload("late")), _ct);
        var atSecond = await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "second" || r.IsTerminal, "waiting at the second gate");
        await engine.Runs.ApproveAsync(runId, null, Payload("ben"), _ct);
        var run = await engine.WaitAsync(runId, TimeSpan.FromSeconds(120));
        var after = await Should.ThrowAsync<OrchestratorException>(() => engine.Runs.ApproveAsync(runId, null, null, _ct));

        early.Message.ShouldContain("is not waiting for approval");
        early.Message.ShouldContain("running: work");
        earlyReject.Message.ShouldContain("cannot reject 'first'");
        wrongGate.Message.ShouldContain("waiting for approval of 'first', not 'second'");
        first.ShouldBe(new Gate(runId, "first"));
        atSecond.Status.ShouldBe(RunStatus.Running, "an event queued before a gate opened it");
        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        run.Output!.SharedData.Metadata["approval.first"].GetProperty("by").GetString().ShouldBe("ana");
        run.Output.SharedData.Metadata["approval.second"].GetProperty("by").GetString().ShouldBe("ben");
        after.Message.ShouldContain("already completed");
    }

    [Fact]
    public async Task Reject_NamingTheWaitingGate_RunFailsWithTheReason()
    {
        await using var engine = await StartAsync("memory");
        _release.SetResult();
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "gates" }, _ct);
        await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "first", "waiting at the first gate");

        var gate = await engine.Runs.RejectAsync(runId, "first", "not this week", _ct);
        var run = await engine.WaitAsync(runId);

        gate.Phase.ShouldBe("first");
        run.Status.ShouldBe(RunStatus.Failed);
        run.Failure.ShouldNotBeNull().ShouldContain("'first' was rejected: not this week");
    }

    [Fact]
    public async Task Approve_WorkflowRun_ApprovesTheGateOfTheStepThatWaits()
    {
        _root.Write("workflows/two-gates.yaml", "name: two-gates\nsteps:\n  - plugin: plain\n  - plugin: gates\n");
        await using var engine = await StartAsync("memory");
        _release.SetResult();
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "two-gates" }, _ct);
        var step = RunIds.Step(runId, 2);
        await engine.WaitForAsync(step, r => r.Progress?.WaitingForApproval == "first", "step 2 waiting at its first gate");

        var first = await engine.Runs.ApproveAsync(runId, null, null, _ct);
        await engine.WaitForAsync(step, r => r.Progress?.WaitingForApproval == "second", "step 2 waiting at its second gate");
        await engine.Runs.ApproveAsync(step, "second", null, _ct);
        var run = await engine.WaitAsync(runId);

        first.ShouldBe(new Gate(step, "first"));
        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
    }

    [Fact]
    public async Task RaiseEvent_ApprovalEventName_Refused()
    {
        await using var engine = await StartAsync("memory");
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "gates" }, _ct);

        var refused = await Should.ThrowAsync<ArgumentException>(() => engine.Runs.RaiseEventAsync(runId, "approve", null, _ct));

        refused.Message.ShouldContain("approval event");
        _release.SetResult();
        await engine.Runs.TerminateAsync(runId, "done", _ct);
    }

    private static JsonElement Payload(string by) => JsonSerializer.SerializeToElement(new { by });

    // gates: work (blocks until the test releases it) → first (approval) → second (approval) → done. plain: one phase.
    private async Task<EngineHarness> StartAsync(string backend)
    {
        TestPlugins.BuiltIn(_root, "gates", """
              - name: work
                order: 1
              - name: first
                order: 2
                approval: true
              - name: second
                order: 3
                approval: true
              - name: done
                order: 4
            """);
        TestPlugins.BuiltIn(_root, "plain", """
              - name: only
                order: 1
            """);
        static DelegatePhase Quick(string name) => new(name, (_, _) => Task.FromResult(PhaseResult.FromOutput(new { phase = name })));
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["gates"] = () => new DelegateProvider(
                new DelegatePhase("work", async (_, ct) =>
                {
                    await _release.Task.WaitAsync(ct);
                    return PhaseResult.FromOutput(new { worked = true });
                }),
                Quick("first"),
                Quick("second"),
                Quick("done")),
            ["plain"] = () => new DelegateProvider(Quick("only")),
        };
        return await EngineHarness.StartAsync(_root, builtIns, sidecarOptions: TestBackends.Options(backend, _root, azurite, "gates"));
    }
}
