using Orchestrator.Cli.Hosting;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Sidecar.Tests.Infrastructure;
using Orchestrator.TestWorker;

namespace Orchestrator.Sidecar.Tests.Recovery;

/// <summary>Defect 2 (docs/sidecar.md#2-no-lock-renewal): an activity longer than the visibility timeout runs once, also after a sidecar restart.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LockRenewalTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ActivityLongerThanVisibilityTimeout_SidecarRestarted_NotDuplicated()
    {
        using var marks = new TempDirectory("orch-marks-");
        var options = new SidecarOptions
        {
            Backend = SidecarBackends.AzureStorage,
            ConnectionString = azurite.ConnectionString,
            TaskHub = azurite.NewTaskHub("renew"),
            Partitions = 1,
            PollingInterval = TimeSpan.FromMilliseconds(200),
            VisibilityTimeout = TimeSpan.FromSeconds(3),
        };
        string id;
        await using (var sidecar = await EmbeddedSidecar.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken))
        await using (var worker = await WorkerHost.StartAsync(sidecar.Address))
        {
            id = await worker.Client.ScheduleNewOrchestrationInstanceAsync(
                "Steps", new StepsInput(marks.Path, "long", Count: 2, DelayMs: 0, SlowIndex: 0, SlowDelayMs: 8000), TestContext.Current.CancellationToken);
            await worker.Client.WaitForCompletedAsync(id, TimeSpan.FromSeconds(90));
        }

        await using (var sidecar = await EmbeddedSidecar.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken))
        await using (var worker = await WorkerHost.StartAsync(sidecar.Address))
        {
            // Long enough for any message whose lock lapsed to become visible (twice the visibility timeout) and be run.
            await Task.Delay(options.VisibilityTimeout * 2 + TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            await worker.Client.WaitForCompletedAsync(id, TimeSpan.FromSeconds(30));
        }

        Executions.Count(marks.Path, "long-0", "started").ShouldBe(1, "the long activity ran more than once");
        Executions.Count(marks.Path, "long-1", "started").ShouldBe(1, "the step after the long activity ran more than once");
    }
}
