namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// How hard SQLite works to make each commit durable (its <c>PRAGMA synchronous</c> in WAL mode).
/// </summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// The default. A commit is written to the write-ahead log without waiting for the disk; the log is synced at each
    /// checkpoint. Survives a crash or kill -9 of the process with nothing lost and no corruption; a power loss or
    /// operating system crash may roll back the last transactions (the database stays consistent and work is redone).
    /// </summary>
    Normal = 1,

    /// <summary>
    /// Every commit waits until the log is on disk: also survives power loss, at the cost of one disk sync per commit.
    /// </summary>
    Full = 2,
}
