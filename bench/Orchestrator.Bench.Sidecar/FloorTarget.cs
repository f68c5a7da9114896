using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Sidecar.Hardening;

namespace Orchestrator.Bench.Sidecar;

/// <summary>The floor: the same orchestration on DTFx's TaskHubWorker over the in-memory service, no gRPC, no sidecar.</summary>
internal sealed class FloorTarget : ITarget
{
    private readonly TaskHubWorker _worker;
    private readonly TaskHubClient _client;

    private FloorTarget(TaskHubWorker worker, TaskHubClient client)
    {
        _worker = worker;
        _client = client;
    }

    public string Name => "DTFx direct (floor)";

    public static async Task<FloorTarget> StartAsync()
    {
        var memory = new InMemoryOrchestrationService(NullLoggerFactory.Instance);
        var service = new HardenedOrchestrationService(memory, 1000, renewEvery: null, NullLogger.Instance);
        var worker = new TaskHubWorker(service, NullLoggerFactory.Instance);
        worker.AddTaskOrchestrations(typeof(FloorOrchestration));
        worker.AddTaskActivities(typeof(FloorActivity));
        await worker.StartAsync();
        return new FloorTarget(worker, new TaskHubClient(memory, loggerFactory: NullLoggerFactory.Instance));
    }

    public async Task RunBatchAsync(int count, CancellationToken cancellationToken)
    {
        var instances = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            _client.CreateOrchestrationInstanceAsync(typeof(FloorOrchestration), i)));
        await Task.WhenAll(instances.Select(WaitAsync));
    }

    public async Task RunOneAsync(CancellationToken cancellationToken) =>
        await WaitAsync(await _client.CreateOrchestrationInstanceAsync(typeof(FloorOrchestration), 1));

    public async ValueTask DisposeAsync() => await _worker.StopAsync(isForced: true);

    private async Task WaitAsync(OrchestrationInstance instance)
    {
        var state = await _client.WaitForOrchestrationAsync(instance, TimeSpan.FromMinutes(2));
        if (state?.OrchestrationStatus != OrchestrationStatus.Completed)
        {
            throw new InvalidOperationException($"floor run {instance.InstanceId} ended {state?.OrchestrationStatus}");
        }
    }
}
