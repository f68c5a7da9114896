using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Workspaces;
using Orchestrator.Engine.Tests.Infrastructure;

namespace Orchestrator.Engine.Tests.Runs;

/// <summary>A failure no retry can fix takes one attempt, however many retries the phase allows, and the run says why.</summary>
public sealed class FailFastTests : IDisposable
{
    private const string Retrying = """
            retryable: true
            max_retries: 3
            retry_interval: 10ms
        """;

    private readonly TempDirectory _root = new();
    private int _calls;

    public void Dispose() => _root.Dispose();

    /// <summary>A built-in plugin of one phase that counts its calls in <see cref="_calls"/>.</summary>
    private Func<IPhaseProvider> Counting(string phase, Func<PhaseRequest, Task<PhaseResult>> run) =>
        () => new DelegateProvider(new DelegatePhase(phase, (request, _) =>
        {
            Interlocked.Increment(ref _calls);
            return run(request);
        }));

    [Fact]
    public async Task Start_PhaseRejectsItsInput_OneAttemptAndTheRunSaysWhy()
    {
        TestPlugins.BuiltIn(_root, "picky", $"""
              - name: check
                order: 1
            {Retrying}
            """);
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["picky"] = Counting("check", _ =>
                throw new PhaseInputException("Input field \"harbour\" must name a harbour, for example {\"harbour\": \"Brest\"}.")),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var run = await RunAsync(engine, "picky");

        run.Status.ShouldBe(RunStatus.Failed);
        _calls.ShouldBe(1);
        run.Progress!.SharedData!.Errors.ShouldHaveSingleItem().Attempt.ShouldBe(1);
        run.Failure.ShouldNotBeNull().ShouldContain("phase 'check' of plugin 'picky' failed after 1 attempt(s)");
        run.Failure.ShouldContain("must name a harbour");
        run.Failure.ShouldContain("not retried: the phase cannot use its input or config");
    }

    [Fact]
    public async Task Start_OutputDoesNotMatchItsSchema_OneAttempt()
    {
        TestPlugins.BuiltIn(_root, "sloppy", $$"""
              - name: write
                order: 1
            {{Retrying}}
                output_schema: {type: object, required: [summary]}
            """);
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["sloppy"] = Counting("write", _ => Task.FromResult(PhaseResult.FromOutput(new { text = "no summary" }))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var run = await RunAsync(engine, "sloppy");

        run.Status.ShouldBe(RunStatus.Failed);
        _calls.ShouldBe(1);
        run.Failure.ShouldNotBeNull().ShouldContain("output_schema");
        run.Failure.ShouldContain("not retried: the input or output does not match the phase's schema");
    }

    [Fact]
    public async Task Start_ExecutableExitsWithTheInvalidInputCode_OneAttempt()
    {
        TestPlugins.External(_root, "strict-script", $"""
              - name: parse
                order: 1
            {Retrying}
            """, "\"parse\"", """
                echo attempt >> "$ORCHESTRATOR_WORKDIR/attempts"
                echo 'input field "table" is not a tide table' >&2
                exit 65
            """);
        await using var engine = await EngineHarness.StartAsync(_root);

        var run = await RunAsync(engine, "strict-script");

        run.Status.ShouldBe(RunStatus.Failed);
        // Counted in the run's workspace: the sandbox lets an executable write nowhere else (docs/process-protocol.md#sandbox).
        File.ReadAllLines(Path.Combine(engine.Services.GetRequiredService<WorkspaceLayout>().RunDirectory(run.RunId), "attempts")).ShouldHaveSingleItem();
        run.Failure.ShouldNotBeNull().ShouldContain("is not a tide table");
        run.Failure.ShouldContain("not retried: the phase cannot use its input or config");
    }

    [Fact]
    public async Task Start_RetryableFailure_StillTakesEveryAttempt()
    {
        TestPlugins.BuiltIn(_root, "broken", $"""
              - name: crash
                order: 1
            {Retrying}
            """);
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["broken"] = () => new DelegateProvider(new DelegatePhase("crash", (r, _) => throw new IOException($"disk full ({r.Attempt})"))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var run = await RunAsync(engine, "broken");

        run.Status.ShouldBe(RunStatus.Failed);
        run.Progress!.SharedData!.Errors.Select(e => e.Attempt).ShouldBe([1, 2, 3, 4]);
        run.Failure.ShouldNotBeNull().ShouldContain("failed after 4 attempt(s)");
        run.Failure.ShouldNotContain("not retried");
    }

    [Fact]
    public async Task Start_LaterStepGetsInputItsPhaseRejects_StepFailsAtItsFirstAttempt()
    {
        TestPlugins.BuiltIn(_root, "maker", "  - name: make\n    order: 1\n");
        TestPlugins.BuiltIn(_root, "needy", $$"""
              - name: use
                order: 1
            {{Retrying}}
                input_schema: {type: object, required: [title]}
            """);
        _root.Write("workflows/chain.yaml", "name: chain\nsteps: [maker, needy]\n");
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["maker"] = () => new DelegateProvider(new DelegatePhase("make", (_, _) => Task.FromResult(PhaseResult.FromOutput(new { count = 1 })))),
            ["needy"] = Counting("use", _ => Task.FromResult(PhaseResult.FromOutput(0))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var run = await RunAsync(engine, "chain");

        run.Status.ShouldBe(RunStatus.Failed);
        _calls.ShouldBe(0);
        run.Failure.ShouldNotBeNull().ShouldContain("step 2 (needy");
        run.Failure.ShouldContain("input_schema");
        run.Failure.ShouldContain("not retried");
        var step = (await engine.Runs.GetAsync($"{run.RunId}:step2", TestContext.Current.CancellationToken)).ShouldNotBeNull();
        step.Progress!.SharedData!.Errors.ShouldHaveSingleItem().Attempt.ShouldBe(1);
    }

    private static async Task<RunRecord> RunAsync(EngineHarness engine, string target, object? input = null)
    {
        var runId = await engine.Runs.StartAsync(
            new RunRequest { Target = target, Input = input is null ? null : JsonSerializer.SerializeToElement(input) },
            TestContext.Current.CancellationToken);
        return await engine.WaitAsync(runId);
    }
}
