using DurableTask.Core;

namespace Orchestrator.Storage.Sqlite.Dispatch;

/// <summary>An activity work item with the lock it holds on its task row.</summary>
internal sealed class SqliteActivityWorkItem : TaskActivityWorkItem
{
    public required long SequenceNumber { get; init; }

    public required string LockToken { get; init; }
}
