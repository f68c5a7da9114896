using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Sidecar.Hardening;
using Orchestrator.Storage.Sqlite;

namespace Orchestrator.Bench.Sidecar;

/// <summary>
/// The orchestration on DTFx's TaskHubWorker directly, no gRPC, no sidecar: over the in-memory service (the floor) or
/// over the SQLite provider alone (the provider's own cost).
/// </summary>
internal sealed class FloorTarget : ITarget
{
    private readonly TaskHubWorker _worker;
    private readonly TaskHubClient _client;
    private readonly IDisposable? _owned;

    private FloorTarget(string name, TaskHubWorker worker, TaskHubClient client, IDisposable? owned)
    {
        Name = name;
        _worker = worker;
        _client = client;
        _owned = owned;
    }

    public string Name { get; }

    public string CompletionWait => "notified: TaskHubClient.WaitForOrchestrationAsync per run";

    public static Task<FloorTarget> StartAsync()
    {
        var memory = new InMemoryOrchestrationService(NullLoggerFactory.Instance);
        return StartAsync("DTFx direct, in-memory (floor)", memory, memory, owned: null);
    }

    public static async Task<FloorTarget> StartSqliteAsync(string databasePath)
    {
        var sqlite = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = databasePath });
        await sqlite.CreateIfNotExistsAsync();
        return await StartAsync("DTFx direct, sqlite provider", sqlite, sqlite, sqlite);
    }

    public async Task RunBatchAsync(int count, CancellationToken cancellationToken)
    {
        var instances = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            _client.CreateOrchestrationInstanceAsync(typeof(FloorOrchestration), i)));
        await Task.WhenAll(instances.Select(WaitAsync));
    }

    public async Task RunOneAsync(CancellationToken cancellationToken) =>
        await WaitAsync(await _client.CreateOrchestrationInstanceAsync(typeof(FloorOrchestration), 1));

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(isForced: true);
        _owned?.Dispose();
    }

    private static async Task<FloorTarget> StartAsync(string name, IOrchestrationService service, IOrchestrationServiceClient client, IDisposable? owned)
    {
        var hardened = new HardenedOrchestrationService(service, 1000, renewEvery: null, NullLogger.Instance);
        var worker = new TaskHubWorker(hardened, NullLoggerFactory.Instance);
        worker.AddTaskOrchestrations(typeof(FloorOrchestration));
        worker.AddTaskActivities(typeof(FloorActivity));
        await worker.StartAsync();
        return new FloorTarget(name, worker, new TaskHubClient(client, loggerFactory: NullLoggerFactory.Instance), owned);
    }

    private async Task WaitAsync(OrchestrationInstance instance)
    {
        var state = await _client.WaitForOrchestrationAsync(instance, TimeSpan.FromMinutes(2));
        if (state?.OrchestrationStatus != OrchestrationStatus.Completed)
        {
            throw new InvalidOperationException($"{Name} run {instance.InstanceId} ended {state?.OrchestrationStatus}");
        }
    }
}
