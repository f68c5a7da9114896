using System.Text.Json;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Tests.Infrastructure;

namespace Orchestrator.Engine.Tests.Workflows;

public sealed class WorkflowRunTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Start_StepsWorkflow_EachStepsResultIsTheNextStepsInputOverItsDefaults()
    {
        TestPlugins.BuiltIn(_root, "double", "  - name: calc\n    order: 1\n");
        TestPlugins.BuiltIn(_root, "label", "  - name: name\n    order: 1\n");
        _root.Write("workflows/pipeline.yaml", """
            name: pipeline
            steps:
              - double
              - double
              - plugin: label
                config: {prefix: "total="}
                input: {suffix: "!", value: 0}
            input: {value: 5}
            """);
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["double"] = () => new DelegateProvider(new DelegatePhase("calc", (r, _) =>
                Task.FromResult(PhaseResult.FromOutput(new { value = r.Input.GetProperty("value").GetInt32() * 2 })))),
            ["label"] = () => new DelegateProvider(new DelegatePhase("name", (r, _) =>
                Task.FromResult(PhaseResult.FromOutput(
                    r.Config["prefix"].GetString() + r.Input.GetProperty("value").GetInt32() + r.Input.GetProperty("suffix").GetString())))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "pipeline" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        run.Output!.Steps.Length.ShouldBe(3);
        run.Output.Steps.Select(s => s.RunId).ShouldBe(new[] { 1, 2, 3 }.Select(n => WorkflowOrchestrator.StepRunId(runId, n)));
        var lastStep = (await engine.Runs.GetAsync($"{runId}:step3", TestContext.Current.CancellationToken)).ShouldNotBeNull();
        lastStep.Progress!.SharedData!.PhaseOutputs["name"].GetString().ShouldBe("total=20!");
        run.Output.Steps[0].Output.Result!.Value.GetProperty("value").GetInt32().ShouldBe(10);
        run.Output.Steps[1].Output.Result!.Value.GetProperty("value").GetInt32().ShouldBe(20);
        run.Output.Result!.Value.GetString().ShouldBe("total=20!");
    }

    [Fact]
    public async Task Start_WorkflowAskingForAnotherVersion_Rejected()
    {
        TestPlugins.BuiltIn(_root, "double", "  - name: calc\n    order: 1\n");
        _root.Write("workflows/old.yaml", "name: old\nplugin: double@^2.0\n");
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["double"] = () => new DelegateProvider(new DelegatePhase("calc", (_, _) => Task.FromResult(PhaseResult.FromOutput(0)))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var ex = await Should.ThrowAsync<RunRequestException>(() => engine.Runs.StartAsync(new RunRequest { Target = "old" }, TestContext.Current.CancellationToken));

        ex.Problems.ShouldHaveSingleItem().ShouldContain("outside the range '^2.0'");
        (await engine.Runs.ListAsync(null, 10, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Start_PluginAndWorkflowShareAName_TargetKindChoosesWhichRuns()
    {
        TestPlugins.BuiltIn(_root, "double", "  - name: calc\n    order: 1\n");
        _root.Write("workflows/double.yaml", "name: double\nplugin: double\ninput: {value: 100, bonus: 5}\n");
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["double"] = () => new DelegateProvider(new DelegatePhase("calc", (r, _) =>
                Task.FromResult(PhaseResult.FromOutput(new
                {
                    value = (r.Input.GetProperty("value").GetInt32() * 2) + (r.Input.TryGetProperty("bonus", out var bonus) ? bonus.GetInt32() : 0),
                })))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);
        var cancellation = TestContext.Current.CancellationToken;

        var viaWorkflow = await engine.WaitAsync(await engine.Runs.StartAsync(new RunRequest { Target = "double" }, cancellation));
        var viaPlugin = await engine.WaitAsync(await engine.Runs.StartAsync(
            new RunRequest { Target = "double", TargetKind = RunTargetKind.Plugin, Input = JsonSerializer.SerializeToElement(new { value = 1 }) }, cancellation));

        viaWorkflow.Output!.Result!.Value.GetProperty("value").GetInt32().ShouldBe(205);
        viaPlugin.Output!.Result!.Value.GetProperty("value").GetInt32().ShouldBe(2, "the plugin ran without the workflow's input defaults");
        var missing = await Should.ThrowAsync<RunRequestException>(() => engine.Runs.StartAsync(
            new RunRequest { Target = "nope", TargetKind = RunTargetKind.Workflow }, cancellation));
        missing.Problems.ShouldHaveSingleItem().ShouldStartWith("no workflow named 'nope'");
    }
}
