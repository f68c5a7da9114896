using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Tests.Infrastructure;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Tests.Runs;

/// <summary>
/// Runs are listed and paged by the time they were requested, which never changes: the in-memory backend reports
/// one creation time while a run is pending and an earlier one once it runs, which shifted runs across pages.
/// </summary>
public sealed class RunCreationTimeTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void RequestedAt_StoredRunInput_ReadFromItsFirstProperty()
    {
        var at = new DateTimeOffset(2026, 11, 25, 3, 11, 47, TimeSpan.Zero).AddTicks(1234567);
        var input = new RunInput { CreatedAt = at, Plugin = new PluginIdentity("p", "1.0.0", "hash"), Workspace = "/w" };

        var stored = EngineServiceCollectionExtensions.DataConverter.Serialize(input);

        stored.ShouldStartWith("{\"created_at\":");
        RunService.RequestedAt(stored).ShouldBe(at);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{\"plugin\":{\"name\":\"p\"},\"created_at\":\"2026-11-25T03:11:47Z\"}")]
    [InlineData("{\"created_at\":42}")]
    [InlineData("{\"created_at\":\"yesterday\"}")]
    [InlineData("[1,2]")]
    [InlineData("{\"created_at\":")]
    public void RequestedAt_NotRecordedOrMalformed_Null(string? stored) =>
        RunService.RequestedAt(stored).ShouldBeNull();

    [Fact]
    public async Task Get_PendingThenRunningThenCompleted_CreatedAtNeverChanges()
    {
        TestPlugins.BuiltIn(_root, "quick", "  - name: only\n    order: 1\n");
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["quick"] = () => new DelegateProvider(new DelegatePhase("only", async (_, ct) =>
            {
                await Task.Delay(200, ct);
                return PhaseResult.FromOutput("done");
            })),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);
        var before = DateTimeOffset.UtcNow;

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "quick" }, TestContext.Current.CancellationToken);
        var first = (await engine.Runs.GetAsync(runId, TestContext.Current.CancellationToken)).ShouldNotBeNull();
        var running = await engine.WaitForAsync(runId, r => r.Status == RunStatus.Running, "running");
        var done = await engine.WaitAsync(runId);

        first.CreatedAt.ShouldBeGreaterThanOrEqualTo(before);
        running.CreatedAt.ShouldBe(first.CreatedAt);
        done.CreatedAt.ShouldBe(first.CreatedAt);
        var listed = await engine.Runs.QueryAsync(new RunQuery { CreatedFrom = first.CreatedAt, CreatedTo = first.CreatedAt.AddTicks(1) }, TestContext.Current.CancellationToken);
        listed.Runs.ShouldHaveSingleItem().RunId.ShouldBe(runId);
    }
}
