using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Storage.Sqlite.Database;
using Orchestrator.Storage.Sqlite.Dispatch;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// A Durable Task Framework storage provider on one SQLite file (WAL mode): orchestration and activity work items,
/// the client, queries and purge. Every work item's changes commit in one transaction; work items are locked with an
/// expiry, so the work of a killed process is picked up again. One service owns a database file at a time.
/// </summary>
/// <remarks>
/// The database is opened (owner lock, integrity check, schema migration) by <see cref="CreateIfNotExistsAsync"/>, or
/// by the first call that needs it; failures throw <see cref="SqliteStorageException"/> naming the file and the fix.
/// Dispose the service to close the database and give up ownership.
/// </remarks>
public sealed partial class SqliteOrchestrationService :
    IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient, IDisposable
{
    private readonly SqliteOrchestrationServiceSettings _settings;
    private readonly ILogger _logger;
    private readonly Func<IReadOnlyList<Migration>> _migrations;
    private readonly Lock _openGate = new();
    private readonly WakeSignal _orchestrationSignal = new();
    private readonly WakeSignal _activitySignal = new();
    private readonly CompletionWaiters _waiters = new();
    private readonly HistoryCache _history = new();
    private readonly ConcurrentQueue<OrchestrationLocking.LockedInstance> _lockedOrchestrations = new();
    private readonly ConcurrentQueue<ActivityLocking.LockedTask> _lockedTasks = new();
    private OwnerLock? _owner;
    private SqliteStore? _store;
    private bool _disposed;

    /// <summary>Creates the service; nothing is opened until first use.</summary>
    /// <param name="settings">The settings; <see cref="SqliteOrchestrationServiceSettings.DatabasePath"/> is required.</param>
    /// <param name="loggerFactory">Where logs go; none when <c>null</c>.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message lists each problem.</exception>
    public SqliteOrchestrationService(SqliteOrchestrationServiceSettings settings, ILoggerFactory? loggerFactory = null)
        : this(settings, loggerFactory, () => Schema.Migrations)
    {
    }

    internal SqliteOrchestrationService(SqliteOrchestrationServiceSettings settings, ILoggerFactory? loggerFactory, Func<IReadOnlyList<Migration>> migrations)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.Validated();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Orchestrator.Storage.Sqlite");
        _migrations = migrations;
    }

    /// <summary>The database file, as a full path.</summary>
    public string DatabasePath => _settings.DatabasePath;

    /// <summary>This service's owner record (opens the database when needed).</summary>
    public SqliteDatabaseOwner Owner
    {
        get
        {
            EnsureOpen();
            return _owner!.Record;
        }
    }

    /// <inheritdoc />
    public int TaskOrchestrationDispatcherCount => 1;

    /// <inheritdoc />
    public int MaxConcurrentTaskOrchestrationWorkItems => _settings.MaxConcurrentOrchestrations;

    /// <inheritdoc />
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    /// <inheritdoc />
    public int TaskActivityDispatcherCount => 1;

    /// <inheritdoc />
    public int MaxConcurrentTaskActivityWorkItems => _settings.MaxConcurrentActivities;

    internal SqliteStore Store => EnsureOpen();

    /// <summary>Work items locked per transaction when a dispatcher asks for one; the rest wait here for its next call.</summary>
    private const int LockBatch = 16;

    private static long Now => DateTime.UtcNow.ToUnixMs();

    /// <summary>Records the address this process's sidecar listens on in the owner record, for other commands to find it.</summary>
    /// <param name="address">The address, e.g. <c>http://127.0.0.1:4001</c>; <c>null</c> to clear it.</param>
    public void SetOwnerAddress(string? address)
    {
        EnsureOpen();
        _owner!.SetAddress(address);
    }

    /// <inheritdoc />
    public Task StartAsync()
    {
        EnsureOpen();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync() => StopAsync(isForced: false);

    /// <summary>The dispatchers stopped: work items locked ahead of them are given back. The client keeps working.</summary>
    /// <param name="isForced">Ignored.</param>
    /// <returns>A task that completes when done.</returns>
    public Task StopAsync(bool isForced) => ReleasePrefetchedAsync();

    /// <inheritdoc />
    public Task CreateAsync() => CreateAsync(recreateInstanceStore: false);

    /// <summary>Opens the database; with <paramref name="recreateInstanceStore"/> it also deletes every instance in it.</summary>
    /// <param name="recreateInstanceStore">Whether to start empty.</param>
    /// <returns>A task that completes when done.</returns>
    public async Task CreateAsync(bool recreateInstanceStore)
    {
        var store = EnsureOpen();
        if (recreateInstanceStore)
        {
            await store.WriteAsync(DeleteEverything);
        }
    }

    /// <inheritdoc />
    public Task CreateIfNotExistsAsync() => CreateAsync(recreateInstanceStore: false);

    /// <inheritdoc />
    public Task DeleteAsync() => DeleteAsync(deleteInstanceStore: true);

    /// <summary>Deletes every instance, message and task in the database (the file itself stays, owned by this service).</summary>
    /// <param name="deleteInstanceStore">Ignored: there is one store.</param>
    /// <returns>A task that completes when done.</returns>
    public Task DeleteAsync(bool deleteInstanceStore) => EnsureOpen().WriteAsync(DeleteEverything);

    /// <inheritdoc />
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    /// <inheritdoc />
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => exception is SessionAbortedException or OperationCanceledException ? 0 : 1;

    /// <inheritdoc />
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => exception is OperationCanceledException ? 0 : 1;

    /// <summary>Closes the database and gives up its ownership.</summary>
    public void Dispose()
    {
        lock (_openGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _store?.Dispose();
            _owner?.Dispose();
        }
    }

    private void DeleteEverything(SqliteStore store)
    {
        foreach (var table in new[] { "history", "messages", "tasks", "instances", "payloads" })
        {
            store.Command($"DELETE FROM {table}").ExecuteNonQuery();
        }

        _history.Clear();
    }

    private SqliteStore EnsureOpen()
    {
        if (Volatile.Read(ref _store) is { } open)
        {
            return open;
        }

        lock (_openGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_store is not null)
            {
                return _store;
            }

            SqliteStore.PrepareDirectory(_settings.DatabasePath);
            var owner = OwnerLock.Acquire(_settings.DatabasePath, _settings.OwnerRole);
            try
            {
                var store = SqliteStore.Open(_settings, _migrations());
                _owner = owner;
                Volatile.Write(ref _store, store);
                _logger.Opened(store.Path, store.SchemaVersion, _settings.Synchronous);
                return store;
            }
            catch
            {
                owner.Dispose();
                throw;
            }
        }
    }
}
