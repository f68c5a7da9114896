using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>
/// The database file: one writer connection (SQLite has one writer; every write in this process goes through it, with
/// its statements prepared once and reused; see the group commit in SqliteStore.Writer.cs) and pooled read-only
/// connections for queries, which WAL lets run beside the writer.
/// </summary>
internal sealed partial class SqliteStore : IDisposable
{
    /// <summary>Idle read connections kept open; more are opened while reads overlap, and closed when returned beyond this.</summary>
    private const int MaxIdleReaders = 4;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SqliteReader> _readers = new();
    private readonly string _readConnectionString;
    private SqliteConnection? _writer;

    private SqliteStore(string path, SqliteConnection writer, string readConnectionString)
    {
        Path = path;
        _writer = writer;
        _readConnectionString = readConnectionString;
    }

    public string Path { get; }

    /// <summary>A prepared statement on the writer connection; only valid inside a write (<see cref="WriteAsync{T}"/>).</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _writer!.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        return command;
    }

    /// <summary>Runs a query on a read-only connection (kept open for the next read; WAL lets reads run beside the writer).</summary>
    public Task<T> ReadAsync<T>(Func<SqliteReader, T> work, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        SqliteReader? reader = null;
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed), this);
            if (!_readers.TryDequeue(out reader))
            {
                var connection = new SqliteConnection(_readConnectionString);
                reader = new SqliteReader(connection);
                connection.Open();
            }

            var result = work(reader);
            Return(reader);
            return Task.FromResult(result);
        }
        catch (Exception ex)
        {
            reader?.Dispose();
            return Task.FromException<T>(ex is SqliteException sqlite ? Translate(sqlite, "read") : ex);
        }
    }

    public void Dispose()
    {
        StopCheckpointer();
        if (StopWriter() is not { } writer)
        {
            return;
        }

        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();

        // The readers close first: SQLite folds the log into the database file and removes FILE-wal only when the last
        // connection to close can write, which the read-only readers cannot.
        CloseReaders();
        writer.Close();
        writer.Dispose();
    }

    private void Run(string sql) => Command(sql).ExecuteNonQuery();

    /// <summary>Keeps a reader for the next read, up to <see cref="MaxIdleReaders"/>; after the close, closes it.</summary>
    private void Return(SqliteReader reader)
    {
        if (Volatile.Read(ref _closed) || _readers.Count >= MaxIdleReaders)
        {
            reader.Dispose();
            return;
        }

        _readers.Enqueue(reader);
        if (Volatile.Read(ref _closed))
        {
            // Closed meanwhile: the close may have drained the queue before this reader was put back.
            CloseReaders();
        }
    }

    private void CloseReaders()
    {
        while (_readers.TryDequeue(out var reader))
        {
            reader.Dispose();
        }
    }

    private void Rollback(SqliteConnection writer)
    {
        try
        {
            if (SQLitePCL.raw.sqlite3_get_autocommit(writer.Handle) == 0)
            {
                Run("ROLLBACK");
            }
        }
        catch (SqliteException)
        {
            // SQLite may already have rolled back (e.g. after SQLITE_FULL); the transaction is gone either way.
        }
    }

    private SqliteStorageException Translate(SqliteException ex, string action) => ex.SqliteErrorCode switch
    {
        13 => new SqliteStorageException(
            $"The database {Path} is full (the disk or its size limit): nothing of this change was written and everything committed before is intact. Free disk space, then retry.",
            ex),
        8 => new SqliteStorageException($"The database {Path} is read-only ({ex.Message}): make the file and its directory writable.", ex),
        10 => new SqliteStorageException($"Could not {action} the database {Path}: disk I/O error ({ex.Message}). Check the disk and free space.", ex),
        11 or 26 => new SqliteStorageException($"The database {Path} is damaged ({ex.Message}): restore it from a backup, or move it aside to start empty.", ex),
        5 or 6 => new SqliteStorageException($"The database {Path} stayed locked by another connection ({ex.Message}); is another program writing to it?", ex),
        _ => new SqliteStorageException($"Could not {action} the database {Path}: {ex.Message}", ex),
    };
}
