using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>Opening: refuse files that are not ours or are damaged, set WAL and the sync mode, migrate the schema.</summary>
internal sealed partial class SqliteStore
{
    private static readonly byte[] Header = Encoding.ASCII.GetBytes("SQLite format 3\0");

    public static SqliteStore Open(SqliteOrchestrationServiceSettings settings) => Open(settings, Schema.Migrations);

    public static SqliteStore Open(SqliteOrchestrationServiceSettings settings, IReadOnlyList<Migration> migrations)
    {
        var path = settings.DatabasePath;
        CheckFile(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds),
        };
        var writer = new SqliteConnection(builder.ToString());
        var readers = new SqliteConnectionStringBuilder(builder.ToString()) { Mode = SqliteOpenMode.ReadOnly }.ToString();
        var store = new SqliteStore(path, writer, readers);
        try
        {
            writer.Open();
            store.Configure(settings);
            store.CheckIntegrity();
            store.Migrate(migrations);
            store.ReleaseLocksOfPreviousOwner();
            store.StartCheckpointer(builder.ToString());
            return store;
        }
        catch (SqliteException ex)
        {
            store.Dispose();
            throw store.Translate(ex, "open");
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Reads a pragma on the writer connection (tests and diagnostics).</summary>
    public object? Pragma(string name) => WriteAsync(store => store.Command($"PRAGMA {name}").ExecuteScalar()).GetAwaiter().GetResult();

    /// <summary>Creates the database's directory; done before the owner lock, which lives beside the file.</summary>
    public static void PrepareDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SqliteStorageException($"Cannot create the directory of the database {path} ({ex.Message}): choose a writable location.", ex);
        }
    }

    private static void CheckFile(string path)
    {

        if (Directory.Exists(path))
        {
            throw new SqliteStorageException($"The database path {path} is a directory: give the path of a database file (it is created when missing).");
        }

        if (!File.Exists(path))
        {
            return;
        }

        var start = new byte[Header.Length];
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SqliteStorageException($"Cannot read the database {path} ({ex.Message}): make it readable and writable by this user.", ex);
        }

        if (read == 0)
        {
            return;
        }

        if (read < Header.Length || !start.AsSpan().SequenceEqual(Header))
        {
            throw new SqliteStorageException(
                $"The file {path} is not a SQLite database (it does not start with the SQLite header): " +
                "give the path of an Orchestrator database, or move this file aside to create a new database there.");
        }
    }

    private void Configure(SqliteOrchestrationServiceSettings settings)
    {
        var mode = Convert.ToString(Command("PRAGMA journal_mode = WAL").ExecuteScalar(), CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new SqliteStorageException(
                $"The database {Path} cannot use write-ahead logging (journal mode stayed '{mode}'): it needs a local file system that supports shared memory, and a writable directory.");
        }

        var synchronous = settings.Synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL";
        Command($"PRAGMA synchronous = {synchronous}").ExecuteNonQuery();
        Command(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)settings.BusyTimeout.TotalMilliseconds}")).ExecuteNonQuery();
        Command("PRAGMA foreign_keys = OFF").ExecuteNonQuery();
        Command("PRAGMA temp_store = MEMORY").ExecuteNonQuery();

        // The writer's page cache: 16 MiB instead of SQLite's 2 MiB, so the rows of the runs in flight (history,
        // messages, tasks, their index pages) stay in memory instead of being read back from the file.
        Command("PRAGMA cache_size = -16384").ExecuteNonQuery();
    }

    /// <summary>
    /// This service now owns the file (the owner lock is exclusive), so every lock in it was held by a previous owner
    /// that died: its work is picked up at once instead of after the lock timeout.
    /// </summary>
    private void ReleaseLocksOfPreviousOwner()
    {
        Run("BEGIN IMMEDIATE");
        try
        {
            Command("UPDATE instances SET lock_token = NULL, lock_expires_at = NULL WHERE lock_token IS NOT NULL").ExecuteNonQuery();
            Command("UPDATE tasks SET lock_token = NULL, lock_expires_at = NULL, available_at = $now WHERE lock_token IS NOT NULL")
                .With("$now", DateTime.UtcNow.ToUnixMs()).ExecuteNonQuery();
            Run("COMMIT");
        }
        catch
        {
            Rollback(_writer!);
            throw;
        }
    }

    private void CheckIntegrity()
    {
        using var reader = Command("PRAGMA quick_check").ExecuteReader();
        var problems = new List<string>();
        while (reader.Read() && problems.Count < 3)
        {
            var line = reader.GetString(0);
            if (!string.Equals(line, "ok", StringComparison.Ordinal))
            {
                problems.Add(line);
            }
        }

        if (problems.Count > 0)
        {
            throw new SqliteStorageException(
                $"The database {Path} is damaged ({string.Join("; ", problems)}): it may have been truncated or overwritten. " +
                "Restore it from a backup, or move it aside to start with an empty database.");
        }
    }
}
