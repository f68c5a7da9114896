using Orchestrator.Sidecar.Tests.Infrastructure;
using Orchestrator.TestWorker;

namespace Orchestrator.Sidecar.Tests.Recovery;

/// <summary>Defect 6 (docs/sidecar.md#6-slow-shutdown): stopping with a connected, busy worker finishes within the documented bound (10 s by default).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ShutdownTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Sigterm_WorkerConnectedWithActivityInFlight_ExitsCleanlyBeforeDeadline()
    {
        using var marks = new TempDirectory("orch-marks-");
        await using var sidecar = await SidecarProcess.StartAsync("--backend", "memory");
        await using var worker = WorkerProcess.Start(sidecar.Address);
        await using var client = await WorkerHost.StartAsync(sidecar.Address, withWorker: false);
        await client.Client.ScheduleNewOrchestrationInstanceAsync(
            "Steps", new StepsInput(marks.Path, "busy", Count: 1, DelayMs: 120_000), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => Executions.Count(marks.Path, "busy-0", "started") == 1, TimeSpan.FromSeconds(60), "the activity never started");

        await sidecar.Process.TerminateAsync();

        (await sidecar.Process.WaitForExitAsync(TimeSpan.FromSeconds(20))).ShouldBeTrue($"the sidecar did not stop within 20 s of SIGTERM; output:{Environment.NewLine}{sidecar.Process.Output}");
        sidecar.Process.ExitCode.ShouldBe(0, sidecar.Process.Output);
    }

    [Fact]
    public async Task Sigterm_AzureStorageWithoutWorkerEverConnected_ExitsCleanly()
    {
        await using var sidecar = await SidecarProcess.StartAsync(
            "--backend", "azure-storage", "--connection", azurite.ConnectionString, "--task-hub", azurite.NewTaskHub("idle"));

        await sidecar.Process.TerminateAsync();

        (await sidecar.Process.WaitForExitAsync(TimeSpan.FromSeconds(20))).ShouldBeTrue($"the sidecar did not stop within 20 s of SIGTERM; output:{Environment.NewLine}{sidecar.Process.Output}");
        sidecar.Process.ExitCode.ShouldBe(0, sidecar.Process.Output);
        sidecar.Process.Output.ShouldNotContain("Unhandled exception");
    }
}
