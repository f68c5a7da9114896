using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Cli.Hosting;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Sidecar.Tests.Infrastructure;

namespace Orchestrator.Sidecar.Tests.Load;

/// <summary>
/// Issue 15 item 6 (docs/backends.md#status-polling): 300 three-activity runs started at once on azure-storage, each
/// polled by its own caller through the public client. Before the sidecar bounded status reads, the pollers held every
/// storage call the dispatchers needed and no run finished.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageBurstTests(AzuriteFixture azurite)
{
    private const int Runs = 300;
    // Generous: on 2 cores shared with other builds the burst took 1.5 min (load average 20-30) and 4 min (load 40).
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Burst_300RunsEachPolledByItsCaller_AllComplete()
    {
        // The defaults a user gets, apart from where the task hub lives.
        var options = new SidecarOptions
        {
            Backend = SidecarBackends.AzureStorage,
            ConnectionString = azurite.ConnectionString,
            TaskHub = azurite.NewTaskHub("burst"),
        };
        await using var sidecar = await EmbeddedSidecar.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken);
        await using var worker = await WorkerHost.StartAsync(sidecar.Address);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Deadline);
        var last = new ConcurrentDictionary<string, OrchestrationMetadata?>();
        var prefix = $"burst-{Guid.NewGuid():N}-";

        async Task RunAndPollAsync(int i)
        {
            var id = await worker.Client.ScheduleNewOrchestrationInstanceAsync("ThreeEchoes", $"run {i}", new StartOrchestrationOptions(prefix + i), deadline.Token);
            while (true)
            {
                var state = await worker.Client.GetInstanceAsync(id, getInputsAndOutputs: true, deadline.Token);
                last[id] = state;
                if (state?.IsCompleted == true)
                {
                    return;
                }

                await Task.Delay(100, deadline.Token);
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, Runs).Select(RunAndPollAsync));
        }
        catch (Exception ex) when (deadline.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            var done = last.Values.Count(s => s?.IsCompleted == true);
            var stuck = last.FirstOrDefault(p => p.Value?.IsCompleted != true);
            throw new TimeoutException(
                $"{done} of {Runs} runs completed within {Deadline.TotalSeconds:0} s; e.g. {stuck.Key} is {stuck.Value?.RuntimeStatus.ToString() ?? "not found"}",
                ex);
        }

        last.Count.ShouldBe(Runs);
        foreach (var (id, state) in last)
        {
            state!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"run {id} failed: {state.FailureDetails?.ErrorMessage}");
            state.ReadOutputAs<string>().ShouldBe($"run {id[prefix.Length..]}", $"run {id} returned another run's output");
        }
    }
}
