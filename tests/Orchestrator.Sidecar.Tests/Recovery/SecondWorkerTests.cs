using Orchestrator.Cli.Hosting;
using Orchestrator.Sidecar.Tests.Infrastructure;
using Orchestrator.TestWorker;

namespace Orchestrator.Sidecar.Tests.Recovery;

/// <summary>One worker per sidecar: a second worker is refused without disturbing the connected one's work.</summary>
public sealed class SecondWorkerTests
{
    [Fact]
    public async Task SecondWorkerConnects_FirstWorkerBusy_InFlightActivityRunsOnce()
    {
        using var marks = new TempDirectory("orch-marks-");
        await using var sidecar = await EmbeddedSidecar.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var first = WorkerProcess.Start(sidecar.Address);
        await using var client = await WorkerHost.StartAsync(sidecar.Address, withWorker: false);
        var id = await client.Client.ScheduleNewOrchestrationInstanceAsync(
            "Steps", new StepsInput(marks.Path, "k", Count: 1, DelayMs: 4000), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => Executions.Count(marks.Path, "k-0", "started") == 1, TimeSpan.FromSeconds(60), "the activity never started");

        await using var second = WorkerProcess.Start(sidecar.Address);

        await client.Client.WaitForCompletedAsync(id, TimeSpan.FromSeconds(60));
        Executions.Count(marks.Path, "k-0", "started").ShouldBe(1, "refusing the second worker must not abandon the first worker's activity");
    }
}
