using DurableTask.Core;
using DurableTask.Core.Query;
using Orchestrator.Storage.Sqlite.Tests.Infrastructure;

namespace Orchestrator.Storage.Sqlite.Tests.Files;

/// <summary>A full disk fails the write with an error, loses nothing committed, and reads keep working.</summary>
public sealed class FullDiskTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_SizeLimitReached_FailsClearlyKeepsCommittedAndRecovers()
    {
        await using var hub = await SqliteHub.StartAsync();
        var done = await RunThreeAsync(hub);
        var pages = Convert.ToInt64(hub.Service.Store.Pragma("page_count"));
        hub.Service.Store.Pragma($"max_page_count = {pages}");

        var error = await Should.ThrowAsync<SqliteStorageException>(
            hub.Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), "too-big", new string('x', 400_000)));

        error.Message.ShouldContain($"The database {hub.DatabasePath} is full");
        await ExpectReadableAsync(hub, done);
        (await hub.Client.GetOrchestrationStateAsync("too-big"))!.ShouldBeNull("nothing of the failed write is kept");

        hub.Service.Store.Pragma("max_page_count = 1073741823");
        await hub.WaitAsync(await hub.Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), "after", 3));
    }

    [Fact]
    public async Task Write_RealFileSystemFull_FailsClearlyKeepsCommittedAndRecovers()
    {
        Assert.SkipUnless(Tmpfs.CanMount, "mounting a small tmpfs needs root; the size-limit test covers the same path");
        using var directory = new TempDirectory("orch-sqlite-full-");
        using var disk = new Tmpfs(directory.Sub("disk"), 4);
        await using var hub = await SqliteHub.StartAsync(s => s.DatabasePath = Path.Combine(disk.Path, "full.db"));
        var done = await RunThreeAsync(hub);
        var filler = Path.Combine(disk.Path, "filler");
        Fill(filler);

        var error = await Should.ThrowAsync<SqliteStorageException>(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                await hub.Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), $"fill-{i}", new string('x', 200_000));
            }
        });

        error.Message.ShouldContain(hub.DatabasePath);
        error.Message.ShouldMatch("is full|free space");
        await ExpectReadableAsync(hub, done);

        File.Delete(filler);
        await hub.WaitAsync(await hub.Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), "after", 3));
    }

    private static async Task<List<OrchestrationInstance>> RunThreeAsync(SqliteHub hub)
    {
        var done = new List<OrchestrationInstance>();
        for (var i = 0; i < 3; i++)
        {
            done.Add(await hub.Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), $"done-{i}", 1));
            await hub.WaitAsync(done[^1]);
        }

        return done;
    }

    private static async Task ExpectReadableAsync(SqliteHub hub, List<OrchestrationInstance> done)
    {
        foreach (var instance in done)
        {
            (await hub.Client.GetOrchestrationStateAsync(instance.InstanceId))!.OrchestrationStatus.ShouldBe(OrchestrationStatus.Completed);
        }

        var query = await hub.Service.GetOrchestrationWithQueryAsync(new OrchestrationQuery { InstanceIdPrefix = "done-" }, Token);
        query.OrchestrationState.Count.ShouldBe(3);
    }

    private static void Fill(string path)
    {
        var block = new byte[64 * 1024];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            while (true)
            {
                file.Write(block);
                file.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // The file system is full.
        }
    }
}
