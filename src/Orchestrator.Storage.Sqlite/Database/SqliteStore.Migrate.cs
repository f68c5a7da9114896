using System.Globalization;

namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>The migration runner: every pending migration, the new version and a write probe in one transaction.</summary>
internal sealed partial class SqliteStore
{
    public int SchemaVersion => Convert.ToInt32(Pragma("user_version"), CultureInfo.InvariantCulture);

    private void Migrate(IReadOnlyList<Migration> migrations)
    {
        var latest = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        Run("BEGIN IMMEDIATE");
        try
        {
            var applicationId = Convert.ToInt32(Command("PRAGMA application_id").ExecuteScalar(), CultureInfo.InvariantCulture);
            var version = Convert.ToInt32(Command("PRAGMA user_version").ExecuteScalar(), CultureInfo.InvariantCulture);
            var tables = Convert.ToInt64(Command("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").ExecuteScalar(), CultureInfo.InvariantCulture);
            var isNew = applicationId == 0 && version == 0 && tables == 0;
            if (!isNew && applicationId != Schema.ApplicationId)
            {
                throw new SqliteStorageException(
                    $"The file {Path} is a SQLite database of another program, not an Orchestrator database: give another path, or move this file aside.");
            }

            if (version > latest)
            {
                throw new SqliteStorageException(
                    $"The database {Path} has schema version {version}, written by a newer Orchestrator; this version knows schema versions up to {latest}. " +
                    "Upgrade Orchestrator, or use another database file; the file was not changed.");
            }

            foreach (var migration in migrations.Where(m => m.Version > version).OrderBy(m => m.Version))
            {
                Command(migration.Sql).ExecuteNonQuery();
            }

            Command(string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {Schema.ApplicationId}")).ExecuteNonQuery();
            Command(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {latest}")).ExecuteNonQuery();

            // Also the write probe: a read-only file fails here, at start, not at the first work item.
            Command("INSERT INTO meta (key, value) VALUES ('last_opened_at', $at) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                .With("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))
                .ExecuteNonQuery();
            Run("COMMIT");
        }
        catch
        {
            Rollback(_writer!);
            throw;
        }
    }
}
