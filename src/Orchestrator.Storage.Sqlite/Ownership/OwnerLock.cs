namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// Ownership of a database file: an exclusive OS lock on <c>FILE.lock</c> (on Unix .NET takes it with flock, so it
/// also conflicts with a second opener in this same process) plus the owner record. The lock file is never deleted:
/// deleting it would let a late opener lock an orphaned inode while a newcomer locks a new file.
/// </summary>
internal sealed class OwnerLock : IDisposable
{
    private readonly FileStream _lock;
    private SqliteDatabaseOwner _record;

    private OwnerLock(FileStream @lock, SqliteDatabaseOwner record)
    {
        _lock = @lock;
        _record = record;
    }

    public SqliteDatabaseOwner Record => _record;

    public static OwnerLock Acquire(string databasePath, string? role)
    {
        FileStream stream;
        try
        {
            stream = OpenExclusive(databasePath);
        }
        catch (IOException ex) when (IsLockConflict(ex))
        {
            throw new SqliteDatabaseInUseException(databasePath, SqliteDatabaseOwner.TryRead(databasePath), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SqliteStorageException(
                $"Cannot create the lock file {SqliteDatabaseOwner.LockPath(databasePath)} beside the database {databasePath} ({ex.Message}): " +
                "the database and its directory must be writable by this user (not read-only); fix the permissions or mount, or choose another database file.",
                ex);
        }

        var record = new SqliteDatabaseOwner(databasePath, Environment.ProcessId, DateTimeOffset.UtcNow, Address: null, role);
        try
        {
            record.Write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            throw new SqliteStorageException(
                $"Cannot write the owner record {SqliteDatabaseOwner.RecordPath(databasePath)} ({ex.Message}): the database's directory must be writable.",
                ex);
        }

        return new OwnerLock(stream, record);
    }

    /// <summary>Whether some open service (in any process) holds the lock of this database.</summary>
    public static bool IsHeld(string databasePath)
    {
        try
        {
            using var probe = OpenExclusive(databasePath);
            return false;
        }
        catch (IOException ex) when (IsLockConflict(ex))
        {
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void SetAddress(string? address)
    {
        var record = _record with { Address = address };
        record.Write();
        _record = record;
    }

    public void Dispose()
    {
        // Remove the record before unlocking: afterwards a new owner may already have written its own.
        try
        {
            File.Delete(SqliteDatabaseOwner.RecordPath(_record.DatabasePath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale record is recognised by IsAlive.
        }

        _lock.Dispose();
    }

    /// <summary>
    /// The lock is held elsewhere, as opposed to a file that cannot be opened at all (read-only file system): .NET reports
    /// the sharing violation with flock's errno on Unix (EWOULDBLOCK: 11 on Linux, 35 on macOS) and ERROR_SHARING_VIOLATION on Windows.
    /// </summary>
    private static bool IsLockConflict(IOException exception) => exception.HResult is 11 or 35 or unchecked((int)0x80070020);

    private static FileStream OpenExclusive(string databasePath) =>
        new(SqliteDatabaseOwner.LockPath(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
}
