namespace Orchestrator.Storage.Sqlite;

/// <summary>The SQLite database cannot be used as asked; the message names the file and what to do.</summary>
public class SqliteStorageException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public SqliteStorageException()
    {
    }

    /// <summary>Creates an exception with a message that names the file and what to do.</summary>
    /// <param name="message">The message.</param>
    public SqliteStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SqliteStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
