using DurableTask.Core;
using DurableTask.Core.Query;
using Orchestrator.Storage.Sqlite.Tests.Infrastructure;

namespace Orchestrator.Storage.Sqlite.Tests.Patterns;

/// <summary>Queries by status, creation time and id prefix with paging; purge by id and by filter in batches.</summary>
public sealed class QueryAndPurgeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Query_PagesOfTen_EveryInstanceOnceInCreationOrder()
    {
        await using var hub = await SqliteHub.StartAsync(withWorker: false);
        for (var i = 0; i < 25; i++)
        {
            await hub.Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), $"page-{i:00}", 0);
        }

        await hub.Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), "other-1", 0);
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await hub.Service.GetOrchestrationWithQueryAsync(new OrchestrationQuery { InstanceIdPrefix = "page-", PageSize = 10, ContinuationToken = token }, Token);
            seen.AddRange(page.OrchestrationState.Select(s => s.OrchestrationInstance.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        pages.ShouldBe(3);
        seen.ShouldBe(Enumerable.Range(0, 25).Select(i => $"page-{i:00}"));
    }

    [Fact]
    public async Task Query_ByStatusAndCreatedTime_FindsOnlyMatches()
    {
        await using var hub = await SqliteHub.StartAsync();
        await hub.DoneAndWaitingAsync("q");

        var completed = await hub.Service.GetOrchestrationWithQueryAsync(new OrchestrationQuery { RuntimeStatus = [OrchestrationStatus.Completed] }, Token);
        var future = await hub.Service.GetOrchestrationWithQueryAsync(new OrchestrationQuery { CreatedTimeFrom = DateTime.UtcNow.AddMinutes(5) }, Token);
        var past = await hub.Service.GetOrchestrationWithQueryAsync(new OrchestrationQuery { CreatedTimeTo = DateTime.UtcNow.AddMinutes(-5) }, Token);
        var withInputs = await hub.Service.GetOrchestrationWithQueryAsync(new OrchestrationQuery { InstanceIdPrefix = "q-done", FetchInputsAndOutputs = true }, Token);

        completed.OrchestrationState.Select(s => s.OrchestrationInstance.InstanceId).ShouldBe(["q-done"]);
        future.OrchestrationState.ShouldBeEmpty();
        past.OrchestrationState.ShouldBeEmpty();
        withInputs.OrchestrationState.Single().Output.ShouldBe("3");
    }

    [Fact]
    public async Task Query_ForeignContinuationToken_ThrowsSayingWhatToPass()
    {
        await using var hub = await SqliteHub.StartAsync(withWorker: false);

        var error = await Should.ThrowAsync<ArgumentException>(
            hub.Service.GetOrchestrationWithQueryAsync(new OrchestrationQuery { ContinuationToken = "not-a-token" }, Token));

        error.Message.ShouldContain("pass the token of the previous page");
    }

    [Fact]
    public async Task PurgeById_CompletedAndRunning_OnlyTheFinishedOneGoes()
    {
        await using var hub = await SqliteHub.StartAsync();
        var (done, waiting) = await hub.DoneAndWaitingAsync("pd");

        (await hub.Service.PurgeInstanceStateAsync(done.InstanceId)).DeletedInstanceCount.ShouldBe(1);
        (await hub.Service.PurgeInstanceStateAsync(waiting.InstanceId)).DeletedInstanceCount.ShouldBe(0);

        (await hub.Client.GetOrchestrationStateAsync(done.InstanceId))!.ShouldBeNull();
        (await hub.Client.GetOrchestrationStateAsync(waiting.InstanceId))!.ShouldNotBeNull();
        (await hub.ScalarAsync("SELECT count(*) FROM history WHERE instance_id = 'pd-done'")).ShouldBe(0L);
    }

    [Fact]
    public async Task PurgeByFilter_BatchesOfTwo_RemovesEveryFinishedInstanceInRange()
    {
        await using var hub = await SqliteHub.StartAsync(s => s.PurgeBatchSize = 2);
        var from = DateTime.UtcNow.AddMinutes(-1);
        var instances = new List<OrchestrationInstance>();
        for (var i = 0; i < 5; i++)
        {
            instances.Add(await hub.Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), $"pf-{i}", 3));
        }

        var waiting = await hub.StartWaitingAsync("pf-waiting");
        foreach (var instance in instances)
        {
            await hub.WaitAsync(instance);
        }

        var result = await hub.Service.PurgeInstanceStateAsync(new PurgeInstanceFilter(from, DateTime.UtcNow.AddMinutes(1), null));

        result.DeletedInstanceCount.ShouldBe(5);
        (await hub.Client.GetOrchestrationStateAsync(waiting.InstanceId))!.ShouldNotBeNull("an unfinished instance is never purged");
        (await hub.CountAsync("instances")).ShouldBe(1);
    }

    [Fact]
    public async Task PurgeHistory_OlderThanThreshold_RemovesFinished()
    {
        await using var hub = await SqliteHub.StartAsync();
        var done = await hub.Client.CreateOrchestrationInstanceAsync(typeof(CounterOrchestration), "ph-done", 3);
        await hub.WaitAsync(done);

        await hub.Client.PurgeOrchestrationInstanceHistoryAsync(DateTime.UtcNow.AddMinutes(1), OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter);

        (await hub.Client.GetOrchestrationStateAsync(done.InstanceId))!.ShouldBeNull();
    }
}
