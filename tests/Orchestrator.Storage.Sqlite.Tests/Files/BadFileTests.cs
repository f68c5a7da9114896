using Orchestrator.Storage.Sqlite.Tests.Infrastructure;

namespace Orchestrator.Storage.Sqlite.Tests.Files;

/// <summary>Files that cannot be used fail start with a message naming the file and what to do.</summary>
public sealed class BadFileTests
{
    [Fact]
    public async Task Open_TextFile_SaysItIsNotASqliteDatabase()
    {
        using var directory = new TempDirectory("orch-sqlite-");
        var path = directory.Write("notes.db", "these are my notes, not a database\n");

        var error = await OpenFailsAsync(path);

        error.Message.ShouldContain($"The file {path} is not a SQLite database");
        File.ReadAllText(path).ShouldBe("these are my notes, not a database\n", "the file is left alone");
    }

    [Fact]
    public async Task Open_TruncatedDatabase_SaysItIsDamaged()
    {
        using var directory = new TempDirectory("orch-sqlite-");
        var path = directory.Combine("cut.db");
        await using (var hub = await SqliteHub.StartAsync(s => s.DatabasePath = path, withWorker: false))
        {
            for (var i = 0; i < 200; i++)
            {
                await hub.Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), $"i{i}", new string('x', 3000));
            }
        }

        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length / 2);
        }

        var error = await OpenFailsAsync(path);

        error.Message.ShouldContain($"The database {path} is damaged");
        error.Message.ShouldContain("Restore it from a backup");
    }

    [Fact]
    public async Task Open_ReadOnlyDatabase_SaysToMakeItWritable()
    {
        using var directory = new TempDirectory("orch-sqlite-");
        var readOnly = Tmpfs.CanMount ? new Tmpfs(directory.Sub("ro"), 8) : null;
        try
        {
            var folder = readOnly?.Path ?? directory.Sub("ro");
            var path = Path.Combine(folder, "ro.db");
            await using (var hub = await SqliteHub.StartAsync(s => s.DatabasePath = path, withWorker: false))
            {
                await hub.Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), "kept", 1);
            }

            if (readOnly is not null)
            {
                readOnly.MakeReadOnly();
            }
            else if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead);
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            }

            var error = await OpenFailsAsync(path);

            error.Message.ShouldContain(path);
            error.Message.ShouldMatch("writable|read-only");
        }
        finally
        {
            readOnly?.Dispose();
        }
    }

    [Fact]
    public async Task Open_DirectoryAsPath_SaysToGiveAFile()
    {
        using var directory = new TempDirectory("orch-sqlite-");

        var error = await OpenFailsAsync(directory.Sub("a-dir"));

        error.Message.ShouldContain("is a directory");
    }

    [Fact]
    public void Settings_Invalid_ListEveryProblem()
    {
        var error = Should.Throw<ArgumentException>(() => new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { LockTimeout = TimeSpan.Zero, PollInterval = TimeSpan.Zero }));

        error.Message.ShouldContain("DatabasePath is required");
        error.Message.ShouldContain("LockTimeout");
        error.Message.ShouldContain("PollInterval");
    }

    private static async Task<SqliteStorageException> OpenFailsAsync(string path)
    {
        using var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = path });
        return await Should.ThrowAsync<SqliteStorageException>(service.CreateIfNotExistsAsync());
    }
}
