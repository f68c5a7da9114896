using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>
/// The database file: one writer connection (SQLite has one writer; every write transaction in this process goes
/// through it, under an async lock, with its statements prepared once and reused) and pooled read-only connections
/// for queries, which WAL lets run beside the writer.
/// </summary>
internal sealed partial class SqliteStore : IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly string _readConnectionString;
    private SqliteConnection? _writer;

    private SqliteStore(string path, SqliteConnection writer, string readConnectionString)
    {
        Path = path;
        _writer = writer;
        _readConnectionString = readConnectionString;
    }

    public string Path { get; }

    /// <summary>Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE … COMMIT); rolls back when it throws.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteStore, T> work, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var writer = _writer ?? throw new ObjectDisposedException(nameof(SqliteStore));
            Run("BEGIN IMMEDIATE");
            T result;
            try
            {
                result = work(this);
                Run("COMMIT");
            }
            catch
            {
                Rollback(writer);
                throw;
            }

            return result;
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, "write to");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task WriteAsync(Action<SqliteStore> work, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(store =>
        {
            work(store);
            return true;
        }, cancellationToken);

    /// <summary>A prepared statement on the writer connection; only valid inside <see cref="WriteAsync{T}"/>.</summary>
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

    /// <summary>Runs a query on a pooled read-only connection.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await using var connection = new SqliteConnection(_readConnectionString);
            connection.Open();
            return work(connection);
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, "read");
        }
    }

    public void Dispose()
    {
        _writeLock.Wait();
        try
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
            if (_writer is { } writer)
            {
                // A clean close checkpoints the log into the database file.
                writer.Close();
                writer.Dispose();
                _writer = null;
            }

            SqliteConnection.ClearPool(new SqliteConnection(_readConnectionString));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Run(string sql) => Command(sql).ExecuteNonQuery();

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
