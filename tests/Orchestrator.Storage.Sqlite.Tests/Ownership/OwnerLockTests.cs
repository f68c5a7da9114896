using Orchestrator.Storage.Sqlite.Tests.Infrastructure;

namespace Orchestrator.Storage.Sqlite.Tests.Ownership;

/// <summary>One process owns a database file; the owner's record tells a live owner from a stale one.</summary>
public sealed class OwnerLockTests
{
    [Fact]
    public async Task Open_SecondServiceInThisProcess_RefusedNamingFileAndPid()
    {
        using var directory = new TempDirectory("orch-sqlite-");
        var path = directory.Combine("owned.db");
        using var first = Open(path);
        await first.CreateIfNotExistsAsync();

        using var second = Open(path);
        var error = await Should.ThrowAsync<SqliteDatabaseInUseException>(second.CreateIfNotExistsAsync());

        error.Message.ShouldContain(path);
        error.Message.ShouldContain($"process {Environment.ProcessId}");
        error.Owner!.ProcessId.ShouldBe(Environment.ProcessId);
        first.Dispose();
        using var third = Open(path);
        await third.CreateIfNotExistsAsync();
    }

    [Fact]
    public async Task Open_OwnedByAnotherProcess_RefusedThenStaleAfterItsKilled()
    {
        using var directory = new TempDirectory("orch-sqlite-");
        var path = directory.Combine("owned.db");
        await using var holder = ChildProcess.StartDotnet(RepoPaths.SqliteTestHostDll, ["hold", "--database", path]);
        await holder.WaitForLineAsync(l => l == "ready", TimeSpan.FromSeconds(60), "the holder never opened the database");

        using (var refused = Open(path))
        {
            var error = await Should.ThrowAsync<SqliteDatabaseInUseException>(refused.CreateIfNotExistsAsync());
            error.Message.ShouldContain($"{path} is in use by process {holder.Id} (its sidecar listens on http://127.0.0.1:1)");
        }

        var owner = SqliteDatabaseOwner.TryRead(path).ShouldNotBeNull();
        owner.ProcessId.ShouldBe(holder.Id);
        owner.Address.ShouldBe("http://127.0.0.1:1");
        owner.IsAlive().ShouldBeTrue();

        holder.Kill();
        (await holder.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue("the holder did not die");

        SqliteDatabaseOwner.TryRead(path).ShouldNotBeNull("a killed owner leaves its record").IsAlive().ShouldBeFalse();
        using var next = Open(path);
        await next.CreateIfNotExistsAsync();
        next.Owner.ProcessId.ShouldBe(Environment.ProcessId);
        SqliteDatabaseOwner.TryRead(path)!.ProcessId.ShouldBe(Environment.ProcessId);
    }

    [Fact]
    public async Task Dispose_Owner_RemovesItsRecord()
    {
        using var directory = new TempDirectory("orch-sqlite-");
        var path = directory.Combine("owned.db");
        using (var service = Open(path))
        {
            await service.CreateIfNotExistsAsync();
            service.SetOwnerAddress("http://127.0.0.1:4001");
            SqliteDatabaseOwner.TryRead(path)!.Address.ShouldBe("http://127.0.0.1:4001");
        }

        SqliteDatabaseOwner.TryRead(path).ShouldBeNull();
    }

    private static SqliteOrchestrationService Open(string path) => new(new SqliteOrchestrationServiceSettings { DatabasePath = path });
}
