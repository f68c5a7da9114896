using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Payloads;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Tests.Infrastructure;

namespace Orchestrator.Engine.Tests.Runs;

/// <summary>Large values by reference and the limits of a value (docs/running-workflows.md#large-outputs-and-limits).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PayloadTests(AzuriteFixture azurite) : IDisposable
{
    private const int TwelveMegabytes = 12_000_000;
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task Run_TwelveMegabyteOutput_RoundTripsWholeWhileTheHistoryCarriesAReference(string backend)
    {
        await using var engine = await StartAsync(TwelveMegabytes, sidecar: TestBackends.Options(backend, _root, azurite, "payloads"));
        var token = TestContext.Current.CancellationToken;

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "big" }, token);
        var run = await engine.WaitAsync(runId, TimeSpan.FromSeconds(120));

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        var shared = run.Output!.SharedData;
        shared.PhaseOutputs["produce"].GetProperty("text").GetString()!.Length.ShouldBe(TwelveMegabytes);
        shared.Metadata["big"].GetString()!.Length.ShouldBe(TwelveMegabytes / 12);
        shared.PhaseOutputs["consume"].GetProperty("seen").GetInt32().ShouldBe(TwelveMegabytes, "the next phase reads the whole output");
        shared.PhaseOutputs["consume"].GetProperty("metadata").GetInt32().ShouldBe(TwelveMegabytes / 12);
        run.Output.Result!.Value.GetProperty("seen").GetInt32().ShouldBe(TwelveMegabytes);
        Directory.GetFiles(PayloadStore.FolderOf(Path.Combine(engine.DataDirectory, "runs", runId)), "*.json").ShouldNotBeEmpty();
        var stored = await engine.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(runId, getInputsAndOutputs: true, token);
        stored!.SerializedOutput!.Length.ShouldBeLessThan(10_000, "the backend keeps references, not the values");
    }

    [Fact]
    public async Task Run_OutputOverMaxPayload_FailsThePhaseNamingTheLimitWithoutRetrying()
    {
        await using var engine = await StartAsync(2 * 1024 * 1024, configure: o => o.MaxPayload = 1024 * 1024);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "big" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Failed);
        run.Failure.ShouldNotBeNull().ShouldContain("phase 'produce'");
        run.Failure.ShouldContain("over the limit of 1,048,576 bytes for one value (Engine:MaxPayload)");
        run.Failure.ShouldContain("after 1 attempt(s)", Case.Sensitive, "a value over the limit is the same on every attempt");
    }

    [Fact]
    public async Task Run_TwentyPhases_LastPhaseReadsTheOutputOfTheFirstAndEveryOther()
    {
        var phases = Enumerable.Range(1, 20).Select(i => string.Create(CultureInfo.InvariantCulture, $"p{i:00}")).ToArray();
        TestPlugins.BuiltIn(_root, "chain", string.Join('\n', phases.Select((p, i) => $"  - {{name: {p}, order: {i + 1}}}")));
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["chain"] = () => new DelegateProvider([.. phases.Select(p => new DelegatePhase(p, (r, _) =>
            {
                var helper = new PhaseContextHelper(r);
                helper.SetMetadata($"{p}.seen", helper.PreviousPhases.Count);
                var first = helper.TryGetPreviousPhaseOutput("p01", out var output) ? output.GetProperty("text").GetString() : null;
                return Task.FromResult(helper.ToResult(new { text = $"{p}-{new string('o', 20_000)}", first, previous = string.Join(',', helper.PreviousPhases) }));
            }))]),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns, configure: o => o.PayloadThreshold = 8 * 1024);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "chain" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId, TimeSpan.FromSeconds(120));

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        var last = run.Output!.SharedData.PhaseOutputs["p20"];
        last.GetProperty("first").GetString().ShouldBe($"p01-{new string('o', 20_000)}");
        last.GetProperty("previous").GetString().ShouldBe(string.Join(',', phases[..19]));
        run.Output.SharedData.Metadata["p20.seen"].GetInt32().ShouldBe(19);
        run.Output.SharedData.PhaseOutputs.Count.ShouldBe(20);
    }

    [Fact]
    public async Task Run_SmallOutputs_WritesNoPayloadFilesAndEveryPhaseSeesTheOnesBefore()
    {
        var phases = Enumerable.Range(1, 5).Select(i => string.Create(CultureInfo.InvariantCulture, $"s{i}")).ToArray();
        TestPlugins.BuiltIn(_root, "small", string.Join('\n', phases.Select((p, i) => $"  - {{name: {p}, order: {i + 1}}}")));
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["small"] = () => new DelegateProvider([.. phases.Select(p => new DelegatePhase(p, (r, _) =>
            {
                var helper = new PhaseContextHelper(r);
                helper.SetMetadata($"{p}.seen", string.Join(',', helper.PreviousPhases));
                return Task.FromResult(helper.ToResult(new { phase = p }));
            }))]),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "small" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId, TimeSpan.FromSeconds(120));

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        run.Output!.SharedData.Metadata["s5.seen"].GetString().ShouldBe("s1,s2,s3,s4");
        run.Output.SharedData.PhaseOutputs["s3"].GetProperty("phase").GetString().ShouldBe("s3");
        Directory.Exists(PayloadStore.FolderOf(Path.Combine(engine.DataDirectory, "runs", runId))).ShouldBeFalse("small results travel in the history");
    }

    [Fact]
    public async Task Run_ResultsKeptInTheHistoryOverTheRunLimit_FailsNamingTheLimitAndKeepsTheSharedData()
    {
        // Each output just below the highest threshold stays in the history; eleven of them are over the run's limit.
        var phases = Enumerable.Range(1, 12).Select(i => string.Create(CultureInfo.InvariantCulture, $"p{i:00}")).ToArray();
        TestPlugins.BuiltIn(_root, "wide", string.Join('\n', phases.Select((p, i) => $"  - {{name: {p}, order: {i + 1}}}")));
        var output = JsonSerializer.SerializeToElement(new string('w', (int)PhaseResultLimit.MaxThreshold - 100));
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["wide"] = () => new DelegateProvider([.. phases.Select(p => new DelegatePhase(p, (_, _) => Task.FromResult(new PhaseResult { Output = output })))]),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns, configure: o => o.PayloadThreshold = PhaseResultLimit.MaxThreshold);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "wide" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId, TimeSpan.FromSeconds(120));

        run.Status.ShouldBe(RunStatus.Failed);
        run.Failure.ShouldNotBeNull().ShouldContain("after phase 'p11' the phase results the run keeps in its history are");
        run.Failure.ShouldContain("over the limit of 3,145,728 for one run");
        run.Failure.ShouldContain("lower Engine:PayloadThreshold");
        run.Progress!.SharedData.ShouldNotBeNull().PhaseOutputs.Count.ShouldBe(11, "the saved shared data is read back from the workspace");
    }

    [Fact]
    public async Task Run_WorkflowStepResultStoredByReference_IsTheNextStepsWholeInputOverItsDefaults()
    {
        TestPlugins.BuiltIn(_root, "make", "  - {name: text, order: 1}");
        TestPlugins.BuiltIn(_root, "measure", "  - {name: length, order: 1}");
        _root.Write("workflows/lengths.yaml", """
            name: lengths
            steps:
              - make
              - plugin: measure
                input: {suffix: "!"}
            """);
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["make"] = () => new DelegateProvider(new DelegatePhase("text", (_, _) => Task.FromResult(PhaseResult.FromOutput(new { text = new string('t', 100_000) })))),
            ["measure"] = () => new DelegateProvider(new DelegatePhase("length", (r, _) => Task.FromResult(PhaseResult.FromOutput(
                string.Create(CultureInfo.InvariantCulture, $"{r.Input.GetProperty("text").GetString()!.Length}{r.Input.GetProperty("suffix").GetString()}"))))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "lengths" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId, TimeSpan.FromSeconds(120));

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        run.Output!.Result!.Value.GetString().ShouldBe("100000!");
        run.Output.Steps[0].Output.Result!.Value.GetProperty("text").GetString()!.Length.ShouldBe(100_000);
        run.Output.Steps[0].Output.SharedData.PhaseOutputs["text"].GetProperty("text").GetString()!.Length.ShouldBe(100_000);
    }

    [Fact]
    public async Task Purge_RunWithStoredPayloads_RemovesThem()
    {
        await using var engine = await StartAsync(100_000);
        var token = TestContext.Current.CancellationToken;
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "big" }, token);
        (await engine.WaitAsync(runId)).Status.ShouldBe(RunStatus.Completed);
        var folder = PayloadStore.FolderOf(Path.Combine(engine.DataDirectory, "runs", runId));
        Directory.GetFiles(folder).ShouldNotBeEmpty();

        await engine.Runs.PurgeAsync(runId, token);

        Directory.Exists(folder).ShouldBeFalse();
        (await engine.Runs.GetAsync(runId, token)).ShouldBeNull();
    }

    [Theory]
    [InlineData(true, "which cannot be read")]
    [InlineData(false, "whose content was changed by hand")]
    public async Task Run_StoredPayloadDeletedOrChangedByHand_FailsTheNextPhaseSayingSo(bool delete, string what)
    {
        await using var engine = await StartAsync(100_000, gate: true);
        var token = TestContext.Current.CancellationToken;
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "big" }, token);
        await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "gate", "waiting for approval");
        var folder = PayloadStore.FolderOf(Path.Combine(engine.DataDirectory, "runs", runId));
        foreach (var file in Directory.GetFiles(folder))
        {
            if (delete)
            {
                File.Delete(file);
            }
            else
            {
                File.WriteAllText(file, "{}");
            }
        }

        await engine.Runs.ApproveAsync(runId, null, null, token);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Failed);
        run.Failure.ShouldNotBeNull().ShouldContain("phase 'gate' of plugin 'big' failed after 1 attempt(s)");
        run.Failure.ShouldContain("the output of phase 'produce' is stored outside the run's history in " + folder);
        run.Failure.ShouldContain(what);
        run.Failure.ShouldContain("start the run again");
    }

    // produce (an output of `length` characters and a metadata value of a twelfth of it) → [gate] → consume (reports the lengths it read).
    private async Task<EngineHarness> StartAsync(int length, bool gate = false, Action<EngineOptions>? configure = null, Orchestrator.Sidecar.Configuration.SidecarOptions? sidecar = null)
    {
        var gateYaml = gate ? "\n  - {name: gate, order: 2, approval: true}" : string.Empty;
        TestPlugins.BuiltIn(_root, "big", $"  - {{name: produce, order: 1, retryable: true, max_retries: 2, retry_interval: 50ms}}{gateYaml}\n  - {{name: consume, order: 3}}");
        IPhase[] phases =
        [
            new DelegatePhase("produce", (r, _) =>
            {
                var helper = new PhaseContextHelper(r);
                helper.SetMetadata("big", new string('m', length / 12));
                return Task.FromResult(helper.ToResult(new { text = new string('x', length) }));
            }),
            new DelegatePhase("gate", (_, _) => Task.FromResult(new PhaseResult())),
            new DelegatePhase("consume", (r, _) =>
            {
                var helper = new PhaseContextHelper(r);
                var seen = helper.GetPreviousPhaseOutput("produce").GetProperty("text").GetString()!.Length;
                var metadata = helper.GetMetadata("big").GetString()!.Length;
                return Task.FromResult(PhaseResult.FromOutput(JsonSerializer.SerializeToElement(new { seen, metadata })));
            }),
        ];
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["big"] = () => new DelegateProvider([.. phases.Where(p => gate || p.Name != "gate")]),
        };
        return await EngineHarness.StartAsync(_root, builtIns, configure: configure, sidecarOptions: sidecar);
    }
}
