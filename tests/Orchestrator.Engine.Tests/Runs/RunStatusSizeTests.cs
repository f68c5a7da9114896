using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Payloads;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Tests.Infrastructure;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Engine.Tests.Runs;

/// <summary>
/// A run's status names where its shared data is stored and stays small enough for every backend (Azure Storage silently
/// keeps a stale instance row, still "pending" with no progress, when a custom status is over 32K characters); a run
/// read through the run service has its shared data whole while it runs.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunStatusSizeTests(AzuriteFixture azurite) : IDisposable
{
    private const int BigText = 100_000;
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Get_WaitingForApproval_ShowsSharedDataOfFinishedPhases()
    {
        await using var engine = await StartAsync(outputLength: 10);
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "sizer" }, TestContext.Current.CancellationToken);

        var waiting = await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "gate", "waiting for approval");

        waiting.Status.ShouldBe(RunStatus.Running);
        waiting.Progress!.SharedData.ShouldNotBeNull().PhaseOutputs["write"].GetString().ShouldBe(new string('w', 10));
        waiting.Progress.Artifacts.ShouldBe(["write.txt"]);
        waiting.Progress.Omitted.ShouldBeNull();
        await engine.Runs.TerminateAsync(runId, "done looking", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Get_SharedDataOverTheStatusLimit_StatusNamesWhereItIsAndGetShowsItWhole()
    {
        await using var engine = await StartAsync(outputLength: BigText);
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "sizer" }, TestContext.Current.CancellationToken);

        var waiting = await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "gate", "waiting for approval");

        waiting.Progress!.SharedData.ShouldNotBeNull().PhaseOutputs["write"].GetString()!.Length.ShouldBe(BigText);
        waiting.Progress.Omitted.ShouldBeNull();
        waiting.Progress.Context.ShouldBeNull("a run record has the shared data itself, not where it is stored");
        var status = await RawStatusAsync(engine, runId);
        status.Length.ShouldBeLessThanOrEqualTo(RunProgress.MaxCharacters);
        status.ShouldNotContain(new string('w', 100), Case.Sensitive, "the status names the stored output instead of copying it");
        (await engine.Runs.ListAsync(null, 10, TestContext.Current.CancellationToken)).ShouldHaveSingleItem().Progress!.SharedData.ShouldBeNull("lists leave the shared data to GET");
        await engine.Runs.ApproveAsync(runId, null, null, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);
        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        run.Output!.SharedData.PhaseOutputs["write"].GetString()!.Length.ShouldBe(BigText);
    }

    [Fact]
    public async Task Get_FailedWithSharedDataOverTheStatusLimit_SharedDataReadBackFromTheWorkspace()
    {
        await using var engine = await StartAsync(outputLength: BigText);
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "sizer" }, TestContext.Current.CancellationToken);
        await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "gate", "waiting for approval");

        await engine.Runs.RejectAsync(runId, null, "too long", TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Failed);
        run.Progress!.SharedDataFile.ShouldBeNull("nothing is saved apart: the status names where the shared data is");
        run.Progress.Omitted.ShouldBeNull();
        run.Progress.SharedData.ShouldNotBeNull().PhaseOutputs["write"].GetString()!.Length.ShouldBe(BigText);
        run.Progress.SharedData.Errors.ShouldHaveSingleItem().Message.ShouldContain("rejected: too long");
        (await RawStatusAsync(engine, runId)).Length.ShouldBeLessThanOrEqualTo(RunProgress.MaxCharacters);
    }

    [Fact]
    public async Task Get_StoredSharedDataRemovedByHand_ShowsTheRunWithoutItAndSaysWhy()
    {
        await using var engine = await StartAsync(outputLength: BigText);
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "sizer" }, TestContext.Current.CancellationToken);
        await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "gate", "waiting for approval");
        var workspace = Path.Combine(engine.DataDirectory, "runs", runId);
        Directory.Delete(PayloadStore.FolderOf(workspace), recursive: true);

        // Read as a process that has not read them before would (this one keeps what it read of them).
        SharedContextStore.Forget(workspace);

        var run = (await engine.Runs.GetAsync(runId, TestContext.Current.CancellationToken)).ShouldNotBeNull();

        run.Status.ShouldBe(RunStatus.Running);
        run.Progress!.WaitingForApproval.ShouldBe("gate");
        run.Progress.SharedData.ShouldBeNull();
        run.Progress.Omitted.ShouldNotBeNull().ShouldContain("the shared data cannot be read: the output of phase 'write' is stored outside the run's history in");
        await engine.Runs.TerminateAsync(runId, "done looking", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Get_AzureStorageSharedDataOverTheStatusLimit_RunShowsRunningWithProgressAndCompletes()
    {
        await using var engine = await StartAsync(outputLength: BigText, OnAzurite("status"));
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "sizer" }, TestContext.Current.CancellationToken);

        var waiting = await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "gate", "waiting for approval");

        waiting.Status.ShouldBe(RunStatus.Running);
        waiting.Progress!.Completed.Select(c => c.Phase).ShouldBe(["write"]);
        (await engine.Runs.ListAsync([RunStatus.Running], 10, TestContext.Current.CancellationToken)).Select(r => r.RunId).ShouldContain(runId);
        await engine.Runs.ApproveAsync(runId, null, null, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId, TimeSpan.FromSeconds(90));
        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        run.Output!.SharedData.PhaseOutputs["write"].GetString()!.Length.ShouldBe(BigText);
    }

    [Fact]
    public async Task Get_AzureStorageFailedWithSharedDataOverTheStatusLimit_ShowsFailedWithTheSavedSharedData()
    {
        await using var engine = await StartAsync(outputLength: BigText, OnAzurite("statusfail"));
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "sizer" }, TestContext.Current.CancellationToken);
        await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "gate", "waiting for approval");

        await engine.Runs.RejectAsync(runId, null, "too long", TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId, TimeSpan.FromSeconds(90));

        run.Status.ShouldBe(RunStatus.Failed);
        run.Progress.ShouldNotBeNull().Summary.ShouldContain("rejected: too long");
        run.Progress.SharedData.ShouldNotBeNull().PhaseOutputs["write"].GetString()!.Length.ShouldBe(BigText);
    }

    // The custom status as the backend keeps it.
    private static async Task<string> RawStatusAsync(EngineHarness engine, string runId)
    {
        var metadata = await engine.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(runId, getInputsAndOutputs: true, TestContext.Current.CancellationToken);
        return metadata.ShouldNotBeNull().SerializedCustomStatus.ShouldNotBeNull();
    }

    private SidecarOptions OnAzurite(string taskHub) => new()
    {
        Backend = SidecarBackends.AzureStorage,
        ConnectionString = azurite.ConnectionString,
        TaskHub = azurite.NewTaskHub(taskHub),
        PollingInterval = TimeSpan.FromMilliseconds(100),
    };

    // write (outputs outputLength characters, one artifact) → gate (approval) → done.
    private async Task<EngineHarness> StartAsync(int outputLength, SidecarOptions? sidecar = null)
    {
        TestPlugins.BuiltIn(_root, "sizer", """
              - name: write
                order: 1
              - name: gate
                order: 2
                approval: true
            """);
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["sizer"] = () => new DelegateProvider(
                new DelegatePhase("write", (r, _) =>
                {
                    File.WriteAllText(Path.Combine(r.WorkingDirectory, "write.txt"), "written");
                    return Task.FromResult(PhaseResult.FromOutput(new string('w', outputLength)) with { Artifacts = ["write.txt"] });
                }),
                new DelegatePhase("gate", (_, _) => Task.FromResult(PhaseResult.FromOutput(JsonSerializer.SerializeToElement("passed"))))),
        };
        // These tests are about a status over its limit: the output stays in the history rather than by reference.
        return await EngineHarness.StartAsync(_root, builtIns, configure: o => o.PayloadThreshold = PhaseResultLimit.MaxThreshold, sidecarOptions: sidecar);
    }
}
