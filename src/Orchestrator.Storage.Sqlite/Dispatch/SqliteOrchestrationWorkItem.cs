using DurableTask.Core;

namespace Orchestrator.Storage.Sqlite.Dispatch;

/// <summary>An orchestration work item with what its checkpoint needs: the lock it holds and the messages it consumes.</summary>
internal sealed class SqliteOrchestrationWorkItem : TaskOrchestrationWorkItem
{
    private int _settled;

    public required string LockToken { get; init; }

    public required IReadOnlyList<long> MessageSequenceNumbers { get; init; }

    /// <summary>Events already stored for the current execution (new events are appended after them).</summary>
    public required int StoredHistoryCount { get; init; }

    public required string StoredExecutionId { get; init; }

    public required string? StoredCustomStatus { get; init; }

    /// <summary>Marks the lock as given back (completed or abandoned); <c>false</c> when it already was.</summary>
    public bool Settle() => Interlocked.Exchange(ref _settled, 1) == 0;

    public bool IsSettled => Volatile.Read(ref _settled) == 1;
}
