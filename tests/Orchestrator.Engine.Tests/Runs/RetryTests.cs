using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Tests.Infrastructure;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Processes;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Engine.Tests.Runs;

/// <summary>Retrying failed and terminated runs from a phase (docs/running-workflows.md#retry-a-failed-run).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RetryTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly ImmutableDictionary<string, JsonElement> Pass =
        ImmutableDictionary<string, JsonElement>.Empty.Add("pass", JsonSerializer.SerializeToElement(true));

    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private string Journal => _root.Combine("journal.log");

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task Retry_FailedAtPhase3Of5_RunsPhases3To5OnlyWithTheConfigOverrideAndTheEarlierOutputs(string backend)
    {
        await using var engine = await StartFiveAsync(backend);
        var token = TestContext.Current.CancellationToken;
        var original = await FailedAtThreeAsync(engine);

        var retryId = await engine.Runs.RetryAsync(new RetryRequest { RunId = original.RunId, Config = Pass }, token);
        var retry = await engine.WaitAsync(retryId);

        retry.Status.ShouldBe(RunStatus.Completed, retry.Failure);
        retryId.ShouldBe($"{original.RunId}-retry1");
        JournalOf(retryId).ShouldBe(["three pass", "four pass", "five pass"]);
        JournalOf(original.RunId).ShouldBe(["one -", "two -", "three -"]);
        retry.RetryOf.ShouldBe(original.RunId);
        var shared = retry.Output!.SharedData;
        shared.PhaseOutputs["one"].GetProperty("ran_in").GetString().ShouldBe(original.RunId);
        shared.PhaseOutputs["two"].GetProperty("ran_in").GetString().ShouldBe(original.RunId);
        shared.PhaseOutputs["three"].GetProperty("ran_in").GetString().ShouldBe(retryId);
        shared.PhaseOutputs["three"].GetProperty("saw").GetString().ShouldBe("one,two");
        shared.PhaseOutputs["five"].GetProperty("saw").GetString().ShouldBe("four,one,three,two");
        shared.Errors.ShouldBeEmpty("the failed attempt of 'three' belongs to the run retried");
        retry.Progress!.Completed.Select(c => (c.Phase, c.CopiedFrom)).ShouldBe(
            [("one", original.RunId), ("two", original.RunId), ("three", null), ("four", null), ("five", null)]);
        retry.Progress.Summary.ShouldBe("5/5 phases done");
        File.ReadAllText(Path.Combine(engine.DataDirectory, "runs", retryId, "one.txt")).ShouldBe("one\n", "the retry's workspace has the files of the phases it took over");

        var again = (await engine.Runs.GetAsync(original.RunId, token)).ShouldNotBeNull();
        again.RetriedBy.ShouldBe([retryId]);
        again.Status.ShouldBe(RunStatus.Failed);
    }

    [Fact]
    public async Task Retry_FromPhaseTwo_RunsTwoToFiveAndTakesOverOnlyOne()
    {
        await using var engine = await StartFiveAsync();
        var original = await FailedAtThreeAsync(engine);

        var retryId = await engine.Runs.RetryAsync(new RetryRequest { RunId = original.RunId, From = "two", Config = Pass }, TestContext.Current.CancellationToken);
        var retry = await engine.WaitAsync(retryId);

        retry.Status.ShouldBe(RunStatus.Completed, retry.Failure);
        JournalOf(retryId).ShouldBe(["two pass", "three pass", "four pass", "five pass"]);
        retry.Output!.SharedData.PhaseOutputs["two"].GetProperty("ran_in").GetString().ShouldBe(retryId);
        retry.Output.SharedData.Metrics.Phases.Keys.ShouldBe(["five", "four", "one", "three", "two"], ignoreOrder: true);
    }

    [Fact]
    public async Task Retry_OfARetry_NumbersItInTheFirstRunsFamilyAndEachRecordNamesItsOwnRetry()
    {
        await using var engine = await StartFiveAsync();
        var token = TestContext.Current.CancellationToken;
        var original = await FailedAtThreeAsync(engine);

        var firstId = await engine.Runs.RetryAsync(new RetryRequest { RunId = original.RunId }, token);
        (await engine.WaitAsync(firstId)).Status.ShouldBe(RunStatus.Failed);
        var secondId = await engine.Runs.RetryAsync(new RetryRequest { RunId = firstId, Config = Pass }, token);
        var second = await engine.WaitAsync(secondId);

        second.Status.ShouldBe(RunStatus.Completed, second.Failure);
        secondId.ShouldBe($"{original.RunId}-retry2");
        second.RetryOf.ShouldBe(firstId);
        JournalOf(firstId).ShouldBe(["three -"]);
        JournalOf(secondId).ShouldBe(["three pass", "four pass", "five pass"]);
        second.Progress!.Completed.Where(c => c.CopiedFrom is not null).Select(c => c.CopiedFrom).ShouldBe([original.RunId, original.RunId], "a phase names the run it ran in");
        (await engine.Runs.GetAsync(original.RunId, token))!.RetriedBy.ShouldBe([firstId]);
        (await engine.Runs.GetAsync(firstId, token))!.RetriedBy.ShouldBe([secondId]);
    }

    [Fact]
    public async Task Retry_CompletedRun_RefusedWithItsStatus()
    {
        await using var engine = await StartFiveAsync();
        var token = TestContext.Current.CancellationToken;
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "five", Config = Pass }, token);
        (await engine.WaitAsync(runId)).Status.ShouldBe(RunStatus.Completed);

        var refused = await Should.ThrowAsync<RunConflictException>(() => engine.Runs.RetryAsync(new RetryRequest { RunId = runId }, token));

        refused.Message.ShouldBe($"cannot retry run '{runId}': it is completed; only failed or terminated runs can be retried");
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task Retry_RunningRun_RefusedUntilTerminated_ThenRerunsTheApprovalItWaitedAt(string backend)
    {
        TestPlugins.BuiltIn(_root, "gate", """
              - name: prepare
                order: 1
              - name: publish
                order: 2
                approval: true
            """);
        var prepared = 0;
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["gate"] = () => new DelegateProvider(
                new DelegatePhase("prepare", (_, _) => Task.FromResult(PhaseResult.FromOutput(Interlocked.Increment(ref prepared)))),
                new DelegatePhase("publish", (r, _) => Task.FromResult(PhaseResult.FromOutput(r.Context.GetPhaseOutput("prepare").GetInt32())))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns, sidecarOptions: TestBackends.Options(backend, _root, azurite, "retrygate"));
        var token = TestContext.Current.CancellationToken;
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "gate" }, token);
        await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "publish", "waiting for approval");

        var refused = await Should.ThrowAsync<RunConflictException>(() => engine.Runs.RetryAsync(new RetryRequest { RunId = runId }, token));
        refused.Message.ShouldBe($"cannot retry run '{runId}': it is running; only failed or terminated runs can be retried (terminate it first to retry it)");

        await engine.Runs.TerminateAsync(runId, "wrong day", token);
        await engine.WaitAsync(runId);
        var retryId = await engine.Runs.RetryAsync(new RetryRequest { RunId = runId }, token);
        await engine.WaitForAsync(retryId, r => r.Progress?.WaitingForApproval == "publish", "the retry waiting for the approval again");
        await engine.Runs.ApproveAsync(retryId, "publish", null, token);
        var retry = await engine.WaitAsync(retryId);

        retry.Status.ShouldBe(RunStatus.Completed, retry.Failure);
        prepared.ShouldBe(1);
        retry.Output!.SharedData.PhaseOutputs["publish"].GetInt32().ShouldBe(1);
        retry.Output.SharedData.Metadata.Keys.ShouldBe(["approval.publish"]);
        (await engine.Runs.GetAsync(runId, token))!.RetriedBy.ShouldBe([retryId]);
    }

    [Fact]
    public async Task Retry_BadFromOrConfig_RefusedWithEveryProblemAndNothingScheduled()
    {
        await using var engine = await StartFiveAsync();
        var token = TestContext.Current.CancellationToken;
        var original = await FailedAtThreeAsync(engine);

        var unknown = await Should.ThrowAsync<RunRequestException>(() => engine.Runs.RetryAsync(new RetryRequest { RunId = original.RunId, From = "six" }, token));
        var later = await Should.ThrowAsync<RunRequestException>(() => engine.Runs.RetryAsync(new RetryRequest { RunId = original.RunId, From = "four" }, token));
        var config = await Should.ThrowAsync<RunRequestException>(() => engine.Runs.RetryAsync(
            new RetryRequest { RunId = original.RunId, Config = ImmutableDictionary<string, JsonElement>.Empty.Add("pass", JsonSerializer.SerializeToElement("yes")) }, token));
        var version = await Should.ThrowAsync<RunRequestException>(() => engine.Runs.RetryAsync(new RetryRequest { RunId = original.RunId, PluginVersion = "9.9.9" }, token));

        unknown.Message.ShouldStartWith($"cannot retry '{original.RunId}' (1 problem(s))");
        unknown.Problems.ShouldBe(["from: 'six' is not a phase of plugin 'five' 1.0.0; its phases are one, two, three, four, five"]);
        later.Problems.ShouldBe([$"from: phase 'four' comes after 'three', where run '{original.RunId}' stopped; a retry starts at a phase at or before it: one, two, three"]);
        config.Problems.ShouldHaveSingleItem().ShouldContain("config_schema of plugin 'five'");
        version.Problems.ShouldHaveSingleItem().ShouldStartWith("plugin_version: plugin 'five' has no loaded version '9.9.9'; the loaded version is 1.0.0 (content ");
        (await engine.Runs.GetAsync(original.RunId, token))!.RetriedBy.ShouldBeEmpty();
    }

    [Fact]
    public async Task Retry_UnknownOrPurgedRun_NotFound()
    {
        await using var engine = await StartFiveAsync();
        var token = TestContext.Current.CancellationToken;
        var original = await FailedAtThreeAsync(engine);
        await engine.Runs.PurgeAsync(original.RunId, token);

        var purged = await Should.ThrowAsync<RunNotFoundException>(() => engine.Runs.RetryAsync(new RetryRequest { RunId = original.RunId }, token));
        await Should.ThrowAsync<RunNotFoundException>(() => engine.Runs.RetryAsync(new RetryRequest { RunId = "../nothing" }, token));

        purged.Message.ShouldBe($"no run '{original.RunId}' exists (it may have been purged); 'orchestrator runs list' shows the runs");
    }

    [Fact]
    public async Task Retry_ParallelGroupWithOneFailedPhase_RerunsTheWholeGroup()
    {
        TestPlugins.BuiltIn(_root, "fan", """
              - name: start
                order: 1
              - name: left
                order: 2
                parallel: true
              - name: right
                order: 2
                parallel: true
              - name: join
                order: 3
            """);
        var calls = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["fan"] = () => new DelegateProvider(
                Phase("start"), Phase("left"),
                new DelegatePhase("right", (r, _) =>
                {
                    calls.Enqueue("right");
                    return r.Config.ContainsKey("pass") ? Task.FromResult(PhaseResult.FromOutput("right")) : throw new InvalidOperationException("right is not ready");
                }),
                Phase("join")),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);
        var token = TestContext.Current.CancellationToken;
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "fan" }, token);
        (await engine.WaitAsync(runId)).Status.ShouldBe(RunStatus.Failed);
        calls.Clear();

        var retryId = await engine.Runs.RetryAsync(new RetryRequest { RunId = runId, Config = Pass }, token);
        var retry = await engine.WaitAsync(retryId);

        retry.Status.ShouldBe(RunStatus.Completed, retry.Failure);
        calls.Order().ShouldBe(["join", "left", "right"]);
        retry.Progress!.Completed.Where(c => c.CopiedFrom is not null).Select(c => c.Phase).ShouldBe(["start"]);

        DelegatePhase Phase(string name) => new(name, (_, _) =>
        {
            calls.Enqueue(name);
            return Task.FromResult(PhaseResult.FromOutput(name));
        });
    }

    [Fact]
    public async Task Retry_PinnedVersionReplacedSnapshotGone_SaysSoAndNamesTheLoadedVersion_PluginVersionRunsOnIt()
    {
        await using var engine = await StartFiveAsync();
        var token = TestContext.Current.CancellationToken;
        var original = await FailedAtThreeAsync(engine);
        var catalog = await ReplaceFiveAsync(engine, "2.0.0");
        Directory.Delete(Path.Combine(catalog.SnapshotDirectory!, "five", original.Plugin!.ContentHash), recursive: true);

        var refused = await Should.ThrowAsync<RunConflictException>(() => engine.Runs.RetryAsync(new RetryRequest { RunId = original.RunId }, token));
        var retryId = await engine.Runs.RetryAsync(new RetryRequest { RunId = original.RunId, PluginVersion = "2.0.0", Config = Pass }, token);
        var retry = await engine.WaitAsync(retryId);

        refused.Message.ShouldStartWith($"cannot retry run '{original.RunId}': it is pinned to plugin 'five' 1.0.0 (content ");
        refused.Message.ShouldContain("which is not loaded now; the loaded version is 2.0.0 (content ");
        refused.Message.ShouldEndWith("; retry on one of them with --plugin-version VERSION ('plugin_version' in the API)");
        retry.Status.ShouldBe(RunStatus.Completed, retry.Failure);
        JournalOf(retryId).ShouldBe(["three pass", "four pass", "five pass"]);
    }

    [Fact]
    public async Task Retry_PinnedVersionReplacedSnapshotWhole_RunsOnThePinnedVersion()
    {
        await using var engine = await StartFiveAsync();
        var token = TestContext.Current.CancellationToken;
        var original = await FailedAtThreeAsync(engine);
        await ReplaceFiveAsync(engine, "2.0.0");

        var retryId = await engine.Runs.RetryAsync(new RetryRequest { RunId = original.RunId, Config = Pass }, token);
        var retry = await engine.WaitAsync(retryId);

        retry.Status.ShouldBe(RunStatus.Completed, retry.Failure);
        retry.Plugin.ShouldBe(original.Plugin);
        original.Plugin!.Version.ShouldBe("1.0.0");
        JournalOf(retryId).ShouldBe(["three pass", "four pass", "five pass"]);
    }

    [Fact]
    public async Task Retry_WorkflowRunWithSteps_RefusedNamingTheWorkflow()
    {
        TestPlugins.BuiltIn(_root, "broken", "  - name: only\n    order: 1\n");
        _root.Write("workflows/chain.yaml", "name: chain\nsteps:\n  - broken\n  - broken\n");
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["broken"] = () => new DelegateProvider(new DelegatePhase("only", (_, _) => throw new InvalidOperationException("broken"))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);
        var token = TestContext.Current.CancellationToken;
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "chain" }, token);
        (await engine.WaitAsync(runId)).Status.ShouldBe(RunStatus.Failed);

        var workflow = await Should.ThrowAsync<RunConflictException>(() => engine.Runs.RetryAsync(new RetryRequest { RunId = runId }, token));
        var step = await Should.ThrowAsync<RunConflictException>(() => engine.Runs.RetryAsync(new RetryRequest { RunId = $"{runId}:step1" }, token));

        workflow.Message.ShouldBe($"cannot retry run '{runId}': it is a run of a workflow with steps, which retry does not take; start the workflow again (`orchestrator run chain`)");
        step.Message.ShouldBe($"cannot retry run '{runId}:step1': it is a step of workflow run '{runId}', and retry does not take workflow runs; start the workflow again");
    }

    // Unsandboxed: the journal is outside every workspace.
    private async Task<EngineHarness> StartFiveAsync(string backend = SidecarBackends.Memory)
    {
        JournalPlugin.Write(_root.Combine("plugins"), Journal);
        return await EngineHarness.StartAsync(
            _root, sidecarOptions: TestBackends.Options(backend, _root, azurite, "retryfive"), plugins: p => p.Sandbox = SandboxMode.Off);
    }

    private async Task<RunRecord> FailedAtThreeAsync(EngineHarness engine)
    {
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "five" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);
        run.Status.ShouldBe(RunStatus.Failed);
        run.Failure.ShouldNotBeNull().ShouldContain("phase 'three'");
        return run;
    }

    /// <summary>Edits the plugin's version and reloads, so the version the runs so far are pinned to is replaced.</summary>
    private async Task<PluginCatalog> ReplaceFiveAsync(EngineHarness engine, string version)
    {
        var catalog = engine.Services.GetRequiredService<PluginCatalog>();
        var manifest = _root.Combine("plugins", JournalPlugin.Name, "plugin.yaml");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("version: 1.0.0", $"version: {version}", StringComparison.Ordinal));
        await catalog.ReloadAsync(TestContext.Current.CancellationToken);
        catalog.Get(JournalPlugin.Name).Identity.Version.ShouldBe(version);
        return catalog;
    }

    private string[] JournalOf(string runId) => JournalPlugin.Lines(Journal, runId);
}
