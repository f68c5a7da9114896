using System.Text.Json;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Tests.Infrastructure;

namespace Orchestrator.Engine.Tests.Runs;

/// <summary>A run's input is checked against the input_schema it must match before anything is scheduled.</summary>
public sealed class InputCheckTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private static Dictionary<string, Func<IPhaseProvider>> Echo(string plugin, params string[] phases) => new()
    {
        [plugin] = () => new DelegateProvider([.. phases.Select(name => new DelegatePhase(name, (r, _) => Task.FromResult(PhaseResult.FromOutput(r.Input))))]),
    };

    private void WriteTides(string extraPhases = "") => TestPlugins.BuiltIn(_root, "tides", $$"""
          - name: read
            order: 1
            input_schema:
              type: object
              required: [harbour]
              properties:
                harbour: {type: string}
                days: {type: integer, minimum: 1}
        {{extraPhases}}
        """);

    [Fact]
    public async Task Start_NoInputButThePhaseRequiresOne_RejectedNamingTheFieldsAndNothingScheduled()
    {
        WriteTides();
        await using var engine = await EngineHarness.StartAsync(_root, Echo("tides", "read"));

        var ex = await Should.ThrowAsync<RunRequestException>(
            () => engine.Runs.StartAsync(new RunRequest { Target = "tides", RunId = "no-input" }, TestContext.Current.CancellationToken));

        var problem = ex.Problems.ShouldHaveSingleItem();
        problem.ShouldStartWith("input: none was given, but the input_schema of phase 'read' of plugin 'tides' requires one");
        problem.ShouldContain("harbour");
        problem.ShouldContain("--input FILE");
        (await engine.Runs.GetAsync("no-input", TestContext.Current.CancellationToken)).ShouldBeNull();
        Directory.Exists(Path.Combine(engine.DataDirectory, "runs", "no-input")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{"harbour": 7}""", "at /harbour")]
    [InlineData("""{"harbour": "Brest", "days": 0}""", "at /days")]
    [InlineData("""["Brest"]""", "should be \"object\"")]
    public async Task Start_InputOfTheWrongShape_RejectedWithWhereItIsWrong(string input, string expected)
    {
        WriteTides();
        await using var engine = await EngineHarness.StartAsync(_root, Echo("tides", "read"));

        var ex = await Should.ThrowAsync<RunRequestException>(() => engine.Runs.StartAsync(
            new RunRequest { Target = "tides", Input = JsonDocument.Parse(input).RootElement.Clone() }, TestContext.Current.CancellationToken));

        var problem = ex.Problems.ShouldHaveSingleItem();
        problem.ShouldStartWith("input: does not match the input_schema of phase 'read' of plugin 'tides'");
        problem.ShouldContain(expected);
    }

    [Fact]
    public async Task Start_LaterRequiredPhaseHasASchema_CheckedToo_OptionalPhasesAreNot()
    {
        WriteTides("""
              - name: plot
                order: 2
                input_schema: {type: object, required: [chart]}
              - name: extra
                order: 3
                required: false
                input_schema: {type: object, required: [colour]}
            """);
        await using var engine = await EngineHarness.StartAsync(_root, Echo("tides", "read", "plot", "extra"));
        var input = JsonSerializer.SerializeToElement(new { harbour = "Brest" });

        var ex = await Should.ThrowAsync<RunRequestException>(
            () => engine.Runs.StartAsync(new RunRequest { Target = "tides", Input = input }, TestContext.Current.CancellationToken));
        ex.Problems.ShouldHaveSingleItem().ShouldContain("phase 'plot'");

        var runId = await engine.Runs.StartAsync(
            new RunRequest { Target = "tides", Input = JsonSerializer.SerializeToElement(new { harbour = "Brest", chart = "bars" }) }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);
        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        run.Output!.SharedData.Errors.ShouldHaveSingleItem().Message.ShouldContain("colour");
    }

    [Fact]
    public async Task Start_WorkflowInputSchema_RequestInputOverTheDefaultsIsChecked()
    {
        TestPlugins.BuiltIn(_root, "echo", "  - name: say\n    order: 1\n");
        _root.Write("workflows/tide-report.yaml", """
            name: tide-report
            plugin: echo
            input: {days: 3}
            input_schema:
              type: object
              required: [harbour, days]
              properties:
                harbour: {type: string}
            """);
        await using var engine = await EngineHarness.StartAsync(_root, Echo("echo", "say"));

        var ex = await Should.ThrowAsync<RunRequestException>(
            () => engine.Runs.StartAsync(new RunRequest { Target = "tide-report" }, TestContext.Current.CancellationToken));
        var problem = ex.Problems.ShouldHaveSingleItem();
        problem.ShouldStartWith("input: does not match the input_schema of workflow 'tide-report'");
        problem.ShouldContain("harbour");

        var runId = await engine.Runs.StartAsync(
            new RunRequest { Target = "tide-report", Input = JsonSerializer.SerializeToElement(new { harbour = "Brest" }) }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);
        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        var said = run.Output!.SharedData.PhaseOutputs["say"];
        said.GetProperty("harbour").GetString().ShouldBe("Brest");
        said.GetProperty("days").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Start_StepsWorkflow_FirstStepsInputDefaultsCountLaterStepsAreCheckedWhenTheyRun()
    {
        WriteTides();
        TestPlugins.BuiltIn(_root, "chart", """
              - name: draw
                order: 1
                input_schema: {type: object, required: [chart]}
            """);
        _root.Write("workflows/tide-chart.yaml", """
            name: tide-chart
            steps:
              - plugin: tides
                input: {harbour: Brest}
              - chart
            """);
        var builtIns = Echo("tides", "read");
        builtIns["chart"] = Echo("chart", "draw")["chart"];
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "tide-chart" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Failed);
        run.Failure.ShouldNotBeNull().ShouldContain("step 2 (chart");
        run.Failure.ShouldContain("required");
    }
}
