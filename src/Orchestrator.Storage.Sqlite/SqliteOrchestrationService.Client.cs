using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Newtonsoft.Json;
using Orchestrator.Storage.Sqlite.Database;

namespace Orchestrator.Storage.Sqlite;

/// <summary>The client side: start, send, terminate, wait, read state and history.</summary>
public sealed partial class SqliteOrchestrationService
{
    private static readonly OrchestrationStatus[] DefaultDedupeStatuses = [OrchestrationStatus.Pending, OrchestrationStatus.Running];
    private static readonly string InstanceBySql = InstanceRows.SelectWithInputs + " WHERE i.instance_id = $id";

    /// <inheritdoc />
    /// <exception cref="OrchestrationAlreadyExistsException">An instance with that id is Pending or Running.</exception>
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => CreateTaskOrchestrationAsync(creationMessage, DefaultDedupeStatuses);

    /// <inheritdoc />
    /// <exception cref="OrchestrationAlreadyExistsException">An instance with that id exists in one of <paramref name="dedupeStatuses"/>.</exception>
    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[]? dedupeStatuses)
    {
        ArgumentNullException.ThrowIfNull(creationMessage);
        if (creationMessage.Event is not ExecutionStartedEvent || string.IsNullOrEmpty(creationMessage.OrchestrationInstance?.InstanceId))
        {
            throw new ArgumentException("A creation message carries an ExecutionStartedEvent and names its instance.", nameof(creationMessage));
        }

        await EnsureOpen().WriteAsync(s => new MessageRows(s, Now, _settings.PayloadThreshold, _logger).Create(creationMessage, dedupeStatuses, fromClient: true));
        _orchestrationSignal.Set();
    }

    /// <inheritdoc />
    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => SendTaskOrchestrationMessageBatchAsync(message);

    /// <inheritdoc />
    public async Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var delivered = await EnsureOpen().WriteAsync(s =>
        {
            var rows = new MessageRows(s, Now, _settings.PayloadThreshold, _logger);
            foreach (var message in messages)
            {
                rows.Send(message);
            }

            return rows.OrchestrationWork;
        });
        if (delivered)
        {
            _orchestrationSignal.Set();
        }
    }

    /// <inheritdoc />
    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new ExecutionTerminatedEvent(-1, reason),
        });

    /// <summary>
    /// Waits until the instance reaches a final status (Completed, Failed, Terminated, Canceled). Woken at once by the
    /// checkpoint that finishes it (this service is the database's only writer); it also looks again every ten poll
    /// intervals, in case the instance was replaced or purged meanwhile.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="executionId">Ignored: a run that continued as new has a new execution, and waiting follows the instance.</param>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits until cancelled.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The final state, or <c>null</c> when the timeout passed first.</returns>
    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var deadline = timeout == Timeout.InfiniteTimeSpan || timeout <= TimeSpan.Zero ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        while (true)
        {
            var completed = _waiters.Next(instanceId);
            var state = await GetOrchestrationStateAsync(instanceId, executionId: null);
            if (state is not null && InstanceRows.IsFinal(state.OrchestrationStatus))
            {
                return state;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                return null!;
            }

            var recheck = _settings.PollInterval * 10;
            using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(completed, Task.Delay(remaining < recheck ? remaining : recheck, delay.Token));
            await delay.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <inheritdoc />
    public async Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) =>
        await GetOrchestrationStateAsync(instanceId, executionId: null) is { } state ? [state] : [];

    /// <inheritdoc />
    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string? executionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return EnsureOpen().ReadAsync(connection =>
        {
            using var reader = connection.Command(InstanceBySql).With("$id", instanceId).ExecuteReader();
            if (!reader.Read())
            {
                return null!;
            }

            var state = InstanceRows.ReadState(reader);
            return executionId is null || executionId == state.OrchestrationInstance.ExecutionId ? state : null!;
        });
    }

    /// <summary>The current execution's history as a JSON array of events (empty when the instance or execution is unknown).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="executionId">Only this execution, or the current one when <c>null</c>.</param>
    /// <returns>The JSON text.</returns>
    public async Task<string> GetOrchestrationHistoryAsync(string instanceId, string? executionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var events = await EnsureOpen().ReadAsync(connection =>
        {
            var history = OrchestrationLocking.ReadHistory(connection, instanceId);
            var current = history.OfType<ExecutionStartedEvent>().FirstOrDefault()?.OrchestrationInstance?.ExecutionId;
            return executionId is null || executionId == current ? history : [];
        });
        return JsonConvert.SerializeObject(events);
    }

    /// <summary>Purges finished instances whose chosen time is before <paramref name="thresholdDateTimeUtc"/>, in batches.</summary>
    /// <param name="thresholdDateTimeUtc">The cut-off (UTC).</param>
    /// <param name="timeRangeFilterType">Which time to compare: created, completed or last updated.</param>
    /// <returns>A task that completes when done.</returns>
    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
    {
        var column = timeRangeFilterType switch
        {
            OrchestrationStateTimeRangeFilterType.OrchestrationCreatedTimeFilter => "created_at",
            OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter => "completed_at",
            OrchestrationStateTimeRangeFilterType.OrchestrationLastUpdatedTimeFilter => "updated_at",
            _ => throw new ArgumentOutOfRangeException(nameof(timeRangeFilterType), timeRangeFilterType, "Use the created, completed or last-updated time filter."),
        };
        return PurgeWhereAsync($"{column} < $before", [("$before", thresholdDateTimeUtc.ToUnixMs())]);
    }
}
