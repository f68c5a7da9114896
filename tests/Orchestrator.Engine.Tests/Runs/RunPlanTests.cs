using System.Collections.Immutable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Tests.Infrastructure;

namespace Orchestrator.Engine.Tests.Runs;

/// <summary>A plan resolves a run as a start does and adds up its times, with nothing scheduled.</summary>
public sealed class RunPlanTests : IDisposable
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private static PhasePlan Phase(string name, int order, int? timeoutSeconds, int? estimatedSeconds, int attempts = 1, bool parallel = false, bool approval = false) => new()
    {
        Name = name,
        Order = order,
        Parallel = parallel,
        Approval = approval,
        Timeout = timeoutSeconds is { } t ? TimeSpan.FromSeconds(t) : null,
        EstimatedTime = estimatedSeconds is { } e ? TimeSpan.FromSeconds(e) : null,
        MaxAttempts = attempts,
        RetryInterval = TimeSpan.FromSeconds(2),
    };

    private static StepPlan Step(params PhasePlan[] phases) => StepPlan.Of(new RunInput
    {
        Plugin = new Plugins.Execution.PluginIdentity("p", "1.0.0", "hash"),
        Workspace = string.Empty,
        Phases = [.. phases],
        TimeoutMargin = Margin,
    });

    [Fact]
    public void Step_ParallelGroupApprovalAndRetries_LongestPathAndWorstCase()
    {
        var step = Step(
            Phase("fetch", 1, timeoutSeconds: 10, estimatedSeconds: 5, attempts: 3),
            Phase("tests", 2, timeoutSeconds: 20, estimatedSeconds: 7, parallel: true),
            Phase("docs", 2, timeoutSeconds: 60, estimatedSeconds: 9, parallel: true, approval: true),
            Phase("ship", 3, timeoutSeconds: 5, estimatedSeconds: null));

        step.Groups.Select(g => (g.Order, g.Parallel, g.Phases.Length)).ShouldBe([(1, false, 1), (2, true, 2), (3, false, 1)]);
        step.EstimatedTime.ShouldBe(TimeSpan.FromSeconds(5 + 9 + 0));

        // fetch: 3 attempts of 10 s + margin, waits of 2 s and 4 s; the parallel group: its longest phase; ship: one attempt.
        var fetch = (3 * (10 + 30)) + 2 + 4;
        PhaseGroup.WorstCase(step.Groups[0].Phases[0], Margin).ShouldBe(TimeSpan.FromSeconds(fetch));
        step.WorstCaseTime.ShouldBe(TimeSpan.FromSeconds(fetch + (60 + 30) + (5 + 30)));
        step.UntimedPhases.ShouldBeEmpty();
    }

    [Fact]
    public void Step_PhaseWithoutTimeout_WorstCaseUnboundedNamingIt()
    {
        var step = Step(Phase("fetch", 1, timeoutSeconds: 10, estimatedSeconds: 5), Phase("think", 2, timeoutSeconds: null, estimatedSeconds: 60));

        step.WorstCaseTime.ShouldBeNull();
        step.Groups[1].WorstCaseTime(Margin).ShouldBeNull();
        step.Groups[0].WorstCaseTime(Margin).ShouldBe(TimeSpan.FromSeconds(40));
        step.UntimedPhases.ShouldBe(["think"]);
        step.EstimatedTime.ShouldBe(TimeSpan.FromSeconds(65));
    }

    [Fact]
    public void Group_SameOrderNotAllParallel_RunsInTurnAndAddsUp()
    {
        var step = Step(Phase("a", 1, 10, 3, parallel: true), Phase("b", 1, 10, 4));

        var group = step.Groups.ShouldHaveSingleItem();
        group.Parallel.ShouldBeFalse();
        group.EstimatedTime.ShouldBe(TimeSpan.FromSeconds(7));
        group.WorstCaseTime(Margin).ShouldBe(TimeSpan.FromSeconds(80));
    }

    [Fact]
    public void RetryDelays_DoubleUpToTheEnginesLongestWait()
    {
        var phase = Phase("slow", 1, 10, 1, attempts: 4) with { RetryInterval = TimeSpan.FromMinutes(2) };

        PhaseGroup.RetryDelays(phase).ShouldBe([TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), RunOrchestrator.MaxRetryDelay]);
        PhaseGroup.RetryDelays(phase with { MaxAttempts = 1 }).ShouldBeEmpty();
    }

    [Fact]
    public async Task Plan_ValidPlugin_PinsTheLoadedVersionWithEffectiveConfigAndSchedulesNothing()
    {
        TestPlugins.BuiltIn(_root, "tides", """
              - name: read
                order: 1
                timeout: 1m
                config_overrides: {depth: 2}
              - name: chart
                order: 2
                approval: true
            """, extra: "default_config: {depth: 1, units: metric}");
        await using var engine = await EngineHarness.StartAsync(_root, Providers("tides", "read", "chart"));
        var planner = engine.Services.GetRequiredService<RunPlanner>();

        var plan = planner.Plan(new RunRequest { Target = "tides", RunId = "plan-only", Config = Config("units", "imperial") }, TestContext.Current.CancellationToken);

        var step = plan.Steps.ShouldHaveSingleItem();
        step.Plugin.Name.ShouldBe("tides");
        step.Plugin.ContentHash.ShouldNotBeNullOrEmpty();
        step.Config["units"].GetString().ShouldBe("imperial");
        var read = step.Groups[0].Phases.ShouldHaveSingleItem();
        read.Config["depth"].GetInt32().ShouldBe(2);
        step.Groups[1].Phases.ShouldHaveSingleItem().Approval.ShouldBeTrue();
        plan.WorstCaseTime.ShouldBeNull();
        var client = engine.Services.GetRequiredService<DurableTaskClient>();
        (await client.GetInstanceAsync("plan-only", TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task Plan_InvalidConfig_EveryProblemAsAStartWouldSay()
    {
        TestPlugins.BuiltIn(_root, "tides", """
              - name: read
                order: 1
            """, extra: "config_schema: {type: object, properties: {depth: {type: integer}}}");
        await using var engine = await EngineHarness.StartAsync(_root, Providers("tides", "read"));
        var planner = engine.Services.GetRequiredService<RunPlanner>();
        var request = new RunRequest { Target = "tides", Config = Config("depth", "deep") };

        var plan = Should.Throw<RunRequestException>(() => planner.Plan(request, TestContext.Current.CancellationToken));
        var start = await Should.ThrowAsync<RunRequestException>(() => engine.Runs.StartAsync(request, TestContext.Current.CancellationToken));

        plan.Problems.ShouldNotBeEmpty();
        plan.Problems.ShouldBe(start.Problems);
    }

    private static ImmutableDictionary<string, System.Text.Json.JsonElement> Config(string key, string value) =>
        ImmutableDictionary<string, System.Text.Json.JsonElement>.Empty.Add(key, System.Text.Json.JsonSerializer.SerializeToElement(value));

    private static Dictionary<string, Func<IPhaseProvider>> Providers(string plugin, params string[] phases) => new()
    {
        [plugin] = () => new DelegateProvider([.. phases.Select(name => new DelegatePhase(name, (r, _) => Task.FromResult(PhaseResult.FromOutput(r.Input))))]),
    };
}
