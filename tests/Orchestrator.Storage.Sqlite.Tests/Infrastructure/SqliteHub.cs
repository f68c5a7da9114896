using DurableTask.Core;
using Orchestrator.SqliteTestHost;

namespace Orchestrator.Storage.Sqlite.Tests.Infrastructure;

/// <summary>A SQLite store in a temp directory with a plain DTFx worker (the test host's tasks plus extras) and client.</summary>
internal sealed class SqliteHub : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private TaskHubWorker? _worker;

    private SqliteHub(TempDirectory directory, SqliteOrchestrationService service)
    {
        _directory = directory;
        Service = service;
        Client = new TaskHubClient(service);
        MarksDir = directory.Sub("marks");
    }

    public SqliteOrchestrationService Service { get; }

    public TaskHubClient Client { get; }

    public string MarksDir { get; }

    public string DatabasePath => Service.DatabasePath;

    public static async Task<SqliteHub> StartAsync(Action<SqliteOrchestrationServiceSettings>? configure = null, bool withWorker = true, params Type[] orchestrations)
    {
        var directory = new TempDirectory("orch-sqlite-");
        var settings = new SqliteOrchestrationServiceSettings { DatabasePath = directory.Combine("data", "test.db") };
        configure?.Invoke(settings);
        var hub = new SqliteHub(directory, new SqliteOrchestrationService(settings));
        await hub.Service.CreateIfNotExistsAsync();
        if (withWorker)
        {
            hub._worker = new TaskHubWorker(hub.Service).AddAll();
            hub._worker.AddTaskOrchestrations(orchestrations);
            hub._worker.AddTaskOrchestrations(typeof(CounterOrchestration), typeof(WaitEventOrchestration), typeof(TimerOrchestration), typeof(ParentOrchestration), typeof(ChildOrchestration));
            await hub._worker.StartAsync();
        }

        return hub;
    }

    public async Task<OrchestrationState> WaitAsync(OrchestrationInstance instance, OrchestrationStatus expected = OrchestrationStatus.Completed)
    {
        var state = await Client.WaitForOrchestrationAsync(instance, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        state.ShouldNotBeNull($"instance {instance.InstanceId} did not finish within 60 s");
        state.OrchestrationStatus.ShouldBe(expected, $"instance {instance.InstanceId}: {state.Output}");
        return state;
    }

    public async Task WaitForStatusAsync(OrchestrationInstance instance, OrchestrationStatus status) =>
        await Eventually.TrueAsync(
            async () => (await Client.GetOrchestrationStateAsync(instance.InstanceId))?.OrchestrationStatus == status,
            TimeSpan.FromSeconds(60),
            $"instance {instance.InstanceId} never became {status}");

    /// <summary>Starts a <see cref="WaitEventOrchestration"/> and waits until it runs (waiting for its event).</summary>
    public async Task<OrchestrationInstance> StartWaitingAsync(string? instanceId = null)
    {
        var instance = await Client.CreateOrchestrationInstanceAsync(typeof(WaitEventOrchestration), instanceId ?? $"waiting-{Guid.NewGuid():N}", "x");
        await WaitForStatusAsync(instance, OrchestrationStatus.Running);
        return instance;
    }

    /// <summary>One instance run to completion and one left waiting, named <c>{prefix}-done</c> and <c>{prefix}-waiting</c>.</summary>
    public async Task<(OrchestrationInstance Done, OrchestrationInstance Waiting)> DoneAndWaitingAsync(string prefix)
    {
        var done = await Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), $"{prefix}-done", 3);
        var waiting = await StartWaitingAsync($"{prefix}-waiting");
        await WaitAsync(done);
        return (done, waiting);
    }

    public Task<long> CountAsync(string table) => Service.Store.ReadAsync(c => Sql.Count(c.Connection, table), TestContext.Current.CancellationToken);

    public Task<object?> ScalarAsync(string sql) => Service.Store.ReadAsync(c => Sql.Scalar(c.Connection, sql), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync(isForced: true);
        }

        Service.Dispose();
        _directory.Dispose();
    }
}
