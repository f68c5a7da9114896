using System.Text.Json;
using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Tests.Infrastructure;

namespace Orchestrator.Engine.Tests.Runs;

/// <summary>A phase's context is a view of the run's durable shared data; what it writes is merged by the orchestrator.</summary>
public sealed class SharedContextTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Start_PhaseWritesItsContext_LaterPhasesAndTheRunSeeIt()
    {
        TestPlugins.BuiltIn(_root, "story", """
              - name: plan
                order: 1
              - name: write
                order: 2
            """);
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["story"] = () => new DelegateProvider(
                new DelegatePhase("plan", (r, _) =>
                {
                    r.Context.Set("language", "fr");
                    r.Context.Set("chapters", 3);
                    return Task.FromResult(PhaseResult.FromOutput(new { title = "Marées" }));
                }),
                new DelegatePhase("write", (r, _) =>
                {
                    var helper = new PhaseContextHelper(r);
                    var output = new
                    {
                        title = helper.GetPreviousPhaseOutput("plan").GetProperty("title").GetString(),
                        language = r.Context.GetString("language"),
                        chapters = helper.GetMetadata<int>("chapters"),
                    };
                    helper.RemoveMetadata("chapters");
                    return Task.FromResult(PhaseResult.FromOutput(output));
                })),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "story" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        var shared = run.Output!.SharedData;
        shared.PhaseOutputs["write"].GetProperty("title").GetString().ShouldBe("Marées");
        shared.PhaseOutputs["write"].GetProperty("language").GetString().ShouldBe("fr");
        shared.PhaseOutputs["write"].GetProperty("chapters").GetInt32().ShouldBe(3);
        shared.Metadata.Keys.ShouldBe(["language"]);
    }

    [Fact]
    public async Task Start_FailedAttemptWroteItsContext_RetrySeesOnlyTheDurableData()
    {
        TestPlugins.BuiltIn(_root, "shaky", """
              - name: first
                order: 1
              - name: wobble
                order: 2
                retryable: true
                max_retries: 1
                retry_interval: 10ms
            """);
        var seen = new List<string>();
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["shaky"] = () => new DelegateProvider(
                new DelegatePhase("first", (r, _) =>
                {
                    r.Context.Set("stage", "first");
                    return Task.FromResult(PhaseResult.FromOutput(1));
                }),
                new DelegatePhase("wobble", (r, _) =>
                {
                    lock (seen)
                    {
                        seen.Add(string.Join(",", r.Context.Keys()));
                    }

                    r.Context.Set("stage", $"wobble attempt {r.Attempt}");
                    r.Context.Set($"attempt-{r.Attempt}", true);
                    return r.Attempt == 1
                        ? throw new InvalidOperationException("first attempt fails")
                        : Task.FromResult(PhaseResult.FromOutput(2));
                })),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "shaky" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        seen.ShouldBe(["stage", "stage"]);
        var metadata = run.Output!.SharedData.Metadata;
        metadata.Keys.Order().ShouldBe(["attempt-2", "stage"]);
        metadata["stage"].GetString().ShouldBe("wobble attempt 2");
    }

    [Fact]
    public async Task Start_ExecutablePhase_SeesTheSameContextInItsRequest()
    {
        TestPlugins.External(_root, "scripted", """
              - name: first
                order: 1
              - name: second
                order: 2
            """, "\"first\",\"second\"", """
                if [ "$2" = first ]; then echo '{"output":{"title":"Tides"},"metadata":{"tone":"dry"}}';
                else printf '{"output":%s}' "$request"; fi
            """);
        await using var engine = await EngineHarness.StartAsync(_root);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "scripted" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        var context = run.Output!.SharedData.PhaseOutputs["second"].GetProperty("context");
        context.GetProperty("phase_outputs").GetProperty("first").GetProperty("title").GetString().ShouldBe("Tides");
        context.GetProperty("metadata").GetProperty("tone").GetString().ShouldBe("dry");
        JsonSerializer.Serialize(context.GetProperty("phase_outputs")).ShouldBe("""{"first":{"title":"Tides"}}""");
    }
}
