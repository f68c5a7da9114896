using Microsoft.Data.Sqlite;
using Orchestrator.Storage.Sqlite.Database;
using Orchestrator.Storage.Sqlite.Tests.Infrastructure;

namespace Orchestrator.Storage.Sqlite.Tests.Files;

/// <summary>The schema version in the file and the forward-migration runner.</summary>
public sealed class MigrationTests
{
    private static readonly Migration AddColumn = new(2, "ALTER TABLE instances ADD COLUMN note TEXT; CREATE TABLE added (x INTEGER);");

    [Fact]
    public void Open_NewFile_CreatesTheLatestSchemaMarkedAsOurs()
    {
        using var directory = new TempDirectory("orch-sqlite-");
        using var service = Service(directory, Schema.Migrations);

        service.Store.SchemaVersion.ShouldBe(Schema.Migrations.Max(m => m.Version));
        Convert.ToInt32(service.Store.Pragma("application_id")).ShouldBe(Schema.ApplicationId);
        service.Store.Pragma("journal_mode").ShouldBe("wal");
    }

    [Fact]
    public void Open_OlderVersion_MigratedForward()
    {
        using var directory = new TempDirectory("orch-sqlite-");
        Create(directory);

        using var service = Service(directory, [.. Schema.Migrations, AddColumn]);

        service.Store.SchemaVersion.ShouldBe(2);
        Query(directory, "SELECT count(*) FROM pragma_table_info('instances') WHERE name = 'note'").ShouldBe(1L);
    }

    [Fact]
    public void Open_MigrationFails_EarlierStepsRolledBackTooAndVersionKept()
    {
        using var directory = new TempDirectory("orch-sqlite-");
        Create(directory);

        Should.Throw<SqliteStorageException>(() => Service(directory, [.. Schema.Migrations, AddColumn, new Migration(3, "CREATE TABLE broken (")]).Store);

        Query(directory, "PRAGMA user_version").ShouldBe(1L);
        Query(directory, "SELECT count(*) FROM sqlite_schema WHERE name = 'added'").ShouldBe(0L, "the whole migration is one transaction");
    }

    [Fact]
    public void Open_NewerVersionThanKnown_RefusedWithoutChangingTheFile()
    {
        using var directory = new TempDirectory("orch-sqlite-");
        Create(directory);
        Query(directory, "PRAGMA user_version = 99");

        var error = Should.Throw<SqliteStorageException>(() => Service(directory, Schema.Migrations).Store);

        error.Message.ShouldContain("schema version 99, written by a newer Orchestrator", customMessage: error.Message);
        error.Message.ShouldContain(directory.Combine("test.db"));
        Query(directory, "PRAGMA user_version").ShouldBe(99L);
    }

    [Fact]
    public void Open_AnotherProgramsDatabase_Refused()
    {
        using var directory = new TempDirectory("orch-sqlite-");
        Query(directory, "CREATE TABLE customers (id INTEGER)");

        var error = Should.Throw<SqliteStorageException>(() => Service(directory, Schema.Migrations).Store);

        error.Message.ShouldContain("is a SQLite database of another program");
    }

    private static void Create(TempDirectory directory)
    {
        using var service = Service(directory, Schema.Migrations);
        _ = service.Store;
    }

    private static SqliteOrchestrationService Service(TempDirectory directory, IReadOnlyList<Migration> migrations) =>
        new(new SqliteOrchestrationServiceSettings { DatabasePath = directory.Combine("test.db") }, null, () => migrations);

    private static object? Query(TempDirectory directory, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={directory.Combine("test.db")};Pooling=False");
        connection.Open();
        return Sql.Scalar(connection, sql);
    }
}
