using Microsoft.DurableTask.Client;
using Orchestrator.Cli.Hosting;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Sidecar.Tests.Infrastructure;
using Orchestrator.TestWorker;

namespace Orchestrator.Sidecar.Tests.Recovery;

/// <summary>Defect 1 (docs/sidecar.md#1-a-worker-crash-hangs-the-run): a worker killed mid-activity must not hang the run (every backend).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerKillTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(SidecarBackends.Memory)]
    [InlineData(SidecarBackends.AzureStorage)]
    [InlineData(SidecarBackends.Sqlite)]
    public async Task WorkerKilledMidActivity_WorkerRestarted_RunCompletesWithoutRerunningFinishedSteps(string backend)
    {
        using var marks = new TempDirectory("orch-marks-");
        using var data = new TempDirectory("orch-wkill-");
        var options = backend switch
        {
            SidecarBackends.Memory => new SidecarOptions(),
            SidecarBackends.Sqlite => new SidecarOptions { Backend = backend, DatabasePath = data.Combine("wkill.db"), VisibilityTimeout = TimeSpan.FromSeconds(10) },
            _ => new SidecarOptions
            {
                Backend = backend,
                ConnectionString = azurite.ConnectionString,
                TaskHub = azurite.NewTaskHub("wkill"),
                Partitions = 1,
                PollingInterval = TimeSpan.FromMilliseconds(200),
                VisibilityTimeout = TimeSpan.FromSeconds(10),
            },
        };
        await using var sidecar = await EmbeddedSidecar.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken);
        await using var client = await WorkerHost.StartAsync(sidecar.Address, withWorker: false);
        await using var firstWorker = WorkerProcess.Start(sidecar.Address);

        var id = await client.Client.ScheduleNewOrchestrationInstanceAsync(
            "Steps", new StepsInput(marks.Path, "k", Count: 3, DelayMs: 0, SlowIndex: 1, SlowDelayMs: 3000), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => Executions.Count(marks.Path, "k-1", "started") == 1, TimeSpan.FromSeconds(60), () => $"step 1 never started; worker output:{Environment.NewLine}{firstWorker.Output}");
        firstWorker.Kill();
        await using var secondWorker = WorkerProcess.Start(sidecar.Address);

        await client.Client.WaitForCompletedAsync(id, TimeSpan.FromSeconds(90));

        Executions.Count(marks.Path, "k-0", "started").ShouldBe(1, "a step completed before the kill must not run again");
        Executions.Count(marks.Path, "k-1", "started").ShouldBe(2, "the interrupted step must run once more");
        Executions.Count(marks.Path, "k-1", "done").ShouldBe(1);
        Executions.Count(marks.Path, "k-2", "started").ShouldBe(1);
    }
}
