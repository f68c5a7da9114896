using Grpc.Core;
using Microsoft.DurableTask.Client;
using Orchestrator.Sidecar.Tests.Infrastructure;
using Orchestrator.TestWorker;

namespace Orchestrator.Sidecar.Tests.Recovery;

/// <summary>The sidecar process killed with -9 mid-activity: azure-storage and sqlite resume, memory loses the run but answers.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SidecarKillTests(AzuriteFixture azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AzureStorageSidecarKilledMidActivity_Restarted_RunCompletes()
    {
        string[] arguments =
        [
            "--backend", "azure-storage", "--connection", azurite.ConnectionString, "--task-hub", azurite.NewTaskHub("skill"),
            "--partitions", "1", "--visibility-timeout", "5", "--polling-interval", "200",
        ];
        await KillMidActivityRestartAndCompleteAsync(arguments);
    }

    [Fact]
    public async Task SqliteSidecarKilledMidActivity_Restarted_RunCompletes()
    {
        using var data = new TempDirectory("orch-skill-");
        await KillMidActivityRestartAndCompleteAsync(["--backend", "sqlite", "--database", data.Combine("skill.db"), "--visibility-timeout", "5"]);
    }

    private static async Task KillMidActivityRestartAndCompleteAsync(string[] arguments)
    {
        using var marks = new TempDirectory("orch-marks-");
        string id;
        await using (var first = await SidecarProcess.StartAsync(arguments))
        await using (var firstWorker = WorkerProcess.Start(first.Address))
        await using (var firstClient = await WorkerHost.StartAsync(first.Address, withWorker: false))
        {
            id = await firstClient.Client.ScheduleNewOrchestrationInstanceAsync(
                "Steps", new StepsInput(marks.Path, "k", Count: 3, DelayMs: 0, SlowIndex: 1, SlowDelayMs: 2000), Token);
            await Eventually.TrueAsync(() => Executions.Count(marks.Path, "k-1", "started") == 1, TimeSpan.FromSeconds(60), "step 1 never started");
            first.Process.Kill();
            firstWorker.Kill();
        }

        await using var second = await SidecarProcess.StartAsync(arguments);
        await using var secondWorker = WorkerProcess.Start(second.Address);
        await using var client = await WorkerHost.StartAsync(second.Address, withWorker: false);

        var done = await client.Client.WaitForCompletedAsync(id, TimeSpan.FromSeconds(120));

        done.ReadOutputAs<string>().ShouldBe("k-0,k-1,k-2");
        Executions.Count(marks.Path, "k-0", "started").ShouldBe(1, "a step completed before the kill must not run again");
    }

    [Fact]
    public async Task MemorySidecarKilledMidActivity_WaitingClient_GetsAnErrorAndRestartedSidecarSaysNotFound()
    {
        using var marks = new TempDirectory("orch-marks-");
        string id;
        await using (var first = await SidecarProcess.StartAsync("--backend", "memory"))
        await using (var worker = WorkerProcess.Start(first.Address))
        await using (var firstClient = await WorkerHost.StartAsync(first.Address, withWorker: false))
        {
            id = await firstClient.Client.ScheduleNewOrchestrationInstanceAsync(
                "Steps", new StepsInput(marks.Path, "k", Count: 2, DelayMs: 0, SlowIndex: 0, SlowDelayMs: 60_000), Token);
            await Eventually.TrueAsync(() => Executions.Count(marks.Path, "k-0", "started") == 1, TimeSpan.FromSeconds(60), "step 0 never started");
            var waiting = firstClient.Client.WaitForInstanceCompletionAsync(id, Token);

            first.Process.Kill();

            await Should.ThrowAsync<RpcException>(waiting.WaitAsync(TimeSpan.FromSeconds(30), Token), "a client waiting on a killed sidecar must get an error, not hang");
        }

        await using var second = await SidecarProcess.StartAsync("--backend", "memory");
        await using var client = await WorkerHost.StartAsync(second.Address, withWorker: false);

        (await client.Client.GetInstanceAsync(id, Token)).ShouldBeNull("the memory backend loses its state with the process");
        var error = await Should.ThrowAsync<RpcException>(client.Client.WaitForInstanceCompletionAsync(id, Token).WaitAsync(TimeSpan.FromSeconds(30), Token));
        error.StatusCode.ShouldBe(StatusCode.NotFound);
    }
}
