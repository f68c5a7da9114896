namespace Orchestrator.Storage.Sqlite;

/// <summary>Another process, or another service in this process, already owns the database file.</summary>
public sealed class SqliteDatabaseInUseException : SqliteStorageException
{
    /// <summary>Creates an exception with no message.</summary>
    public SqliteDatabaseInUseException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SqliteDatabaseInUseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SqliteDatabaseInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the file and its owner.</summary>
    /// <param name="databasePath">The database file.</param>
    /// <param name="owner">The owner's record, when it could be read.</param>
    /// <param name="innerException">The cause.</param>
    public SqliteDatabaseInUseException(string databasePath, SqliteDatabaseOwner? owner, Exception? innerException)
        : base(Describe(databasePath, owner), innerException!)
    {
        DatabasePath = databasePath;
        Owner = owner;
    }

    /// <summary>The database file.</summary>
    public string? DatabasePath { get; }

    /// <summary>The owner's record (process id and, once it listens, its sidecar address), when it could be read.</summary>
    public SqliteDatabaseOwner? Owner { get; }

    private static string Describe(string databasePath, SqliteDatabaseOwner? owner)
    {
        var who = owner is null ? "another process" : $"process {owner.ProcessId}";
        var where = owner?.Address is { } address ? $" (its sidecar listens on {address})" : string.Empty;
        var what = owner?.Role is { } role ? $" running {role}" : string.Empty;
        return $"The database {databasePath} is in use by {who}{where}{what}: one process owns a database file. " +
            "Stop that process, connect to its sidecar, or choose another database file.";
    }
}
