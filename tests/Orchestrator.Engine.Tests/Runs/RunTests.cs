using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Tests.Infrastructure;
using Orchestrator.Plugins.Processes;

namespace Orchestrator.Engine.Tests.Runs;

public sealed class RunTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Start_BuiltInPlugin_RunsPhasesInOrderWithSharedDataAndArtifacts()
    {
        TestPlugins.BuiltIn(_root, "steady", """
              - name: first
                order: 1
              - name: second
                order: 2
            """);
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["steady"] = () => new DelegateProvider(
                new DelegatePhase("first", (r, _) =>
                {
                    File.WriteAllText(Path.Combine(r.WorkingDirectory, "first.txt"), "one");
                    return Task.FromResult(PhaseResult.FromOutput(new { word = "one" }) with { Artifacts = ["first.txt"] });
                }),
                new DelegatePhase("second", (r, _) => Task.FromResult(PhaseResult.FromOutput(new
                {
                    saw = r.Context.GetPhaseOutput("first").GetProperty("word").GetString(),
                    topic = r.Input.GetProperty("topic").GetString(),
                    run = r.RunId,
                })))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var runId = await engine.Runs.StartAsync(
            new RunRequest { Target = "steady", Input = JsonSerializer.SerializeToElement(new { topic = "tides" }) }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        var shared = run.Output!.SharedData;
        shared.PhaseOutputs["second"].GetProperty("saw").GetString().ShouldBe("one");
        shared.PhaseOutputs["second"].GetProperty("topic").GetString().ShouldBe("tides");
        shared.PhaseOutputs["second"].GetProperty("run").GetString().ShouldBe(runId, "the attempt takes the run id from its orchestration, not from its input");
        run.Output.Artifacts.ShouldBe(["first.txt"]);
        File.ReadAllText(Path.Combine(engine.DataDirectory, "runs", runId, "first.txt")).ShouldBe("one");
        run.Progress!.Completed.Select(c => c.Phase).ShouldBe(["first", "second"]);
        var listed = (await engine.Runs.ListAsync([RunStatus.Completed], 10, TestContext.Current.CancellationToken)).ShouldHaveSingleItem();
        listed.RunId.ShouldBe(runId);
        listed.Progress!.Summary.ShouldBe("2/2 phases done");
        (await engine.Runs.ListAsync([RunStatus.Failed], 10, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Start_PhasesThatWriteNoFile_MakeNoWorkspaceAndOneThatReadsItsDirectoryFindsItMade()
    {
        TestPlugins.BuiltIn(_root, "quiet", """
              - name: only
                order: 1
            """);
        TestPlugins.BuiltIn(_root, "writer", """
              - name: only
                order: 1
            """);
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["quiet"] = () => new DelegateProvider(new DelegatePhase("only", (_, _) => Task.FromResult(PhaseResult.FromOutput(new { done = true })))),
            ["writer"] = () => new DelegateProvider(new DelegatePhase("only", (r, _) => Task.FromResult(PhaseResult.FromOutput(new { existed = Directory.Exists(r.WorkingDirectory) })))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var quiet = await engine.WaitAsync(await engine.Runs.StartAsync(new RunRequest { Target = "quiet" }, TestContext.Current.CancellationToken));
        var writer = await engine.WaitAsync(await engine.Runs.StartAsync(new RunRequest { Target = "writer" }, TestContext.Current.CancellationToken));

        quiet.Status.ShouldBe(RunStatus.Completed, quiet.Failure);
        Directory.Exists(quiet.Output!.Workspace).ShouldBeFalse("no phase of the run used its workspace");
        quiet.Output.Workspace.ShouldBe(Path.Combine(engine.DataDirectory, "runs", quiet.RunId));
        writer.Status.ShouldBe(RunStatus.Completed, writer.Failure);
        writer.Output!.SharedData.PhaseOutputs["only"].GetProperty("existed").GetBoolean().ShouldBeTrue("the working directory exists once the phase reads it");
        Directory.Exists(writer.Output.Workspace).ShouldBeTrue();
    }

    [Fact]
    public async Task Start_ExternalPlugin_RunsScriptPhasesThroughTheSidecar()
    {
        TestPlugins.External(_root, "shell", """
              - name: greet
                order: 1
              - name: shout
                order: 2
            """, "\"greet\",\"shout\"", """
                if [ "$2" = greet ]; then echo hello > "$ORCHESTRATOR_WORKDIR/greet.txt"; echo '{"output":{"text":"hello"},"artifacts":["greet.txt"]}';
                else echo '{"output":{"text":"HELLO"},"metadata":{"loud":true}}'; fi
            """);
        await using var engine = await EngineHarness.StartAsync(_root);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "shell" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        run.Output!.SharedData.PhaseOutputs["greet"].GetProperty("text").GetString().ShouldBe("hello");
        run.Output.SharedData.PhaseOutputs["shout"].GetProperty("text").GetString().ShouldBe("HELLO");
        run.Output.SharedData.Metadata["loud"].GetBoolean().ShouldBeTrue();
        run.Output.Artifacts.ShouldBe(["greet.txt"]);
    }

    [Fact]
    public async Task Start_PhaseReportsMissingAndLinkedArtifacts_OnlyThoseInTheWorkspaceListed()
    {
        TestPlugins.External(_root, "links", """
              - name: make
                order: 1
            """, "\"make\"", """
                cd "$ORCHESTRATOR_WORKDIR" && mkdir -p out && echo real > out/real.txt && ln -s /etc/passwd secret.txt && ln -s /etc linked
                echo '{"output":1,"artifacts":["out/real.txt","out","missing.txt","secret.txt","linked/passwd"]}'
            """);
        await using var engine = await EngineHarness.StartAsync(_root);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "links" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        run.Output!.Artifacts.ShouldBe(["out/real.txt", "out"]);
    }

    [Fact]
    public async Task Start_PhaseFailsTwiceThenSucceeds_CompletesWithThreeAttemptsInMetrics()
    {
        TestPlugins.BuiltIn(_root, "flaky", """
              - name: wobble
                order: 1
                retryable: true
                max_retries: 3
                retry_interval: 50ms
            """);
        var calls = 0;
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["flaky"] = () => new DelegateProvider(new DelegatePhase("wobble", (r, _) =>
                Interlocked.Increment(ref calls) <= 2
                    ? throw new InvalidOperationException($"wobble failure {r.Attempt}")
                    : Task.FromResult(PhaseResult.FromOutput(new { attempt = r.Attempt })))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "flaky" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        run.Output!.SharedData.Metrics.Phases["wobble"].Attempts.ShouldBe(3);
        run.Output.SharedData.PhaseOutputs["wobble"].GetProperty("attempt").GetInt32().ShouldBe(3);
        run.Output.SharedData.Errors.Select(e => e.Attempt).ShouldBe([1, 2]);
        run.Output.SharedData.Errors[0].Message.ShouldContain("wobble failure 1");
    }

    [Fact]
    public async Task Start_ExternalPhaseTimesOut_ProcessKilledRetriedAndRunFailsNamingThePhase()
    {
        var pids = _root.Combine("pids");
        TestPlugins.External(_root, "sleepy", """
              - name: nap
                order: 1
                timeout: 1s
                retryable: true
                max_retries: 1
                retry_interval: 50ms
            """, "\"nap\"", $"""
                echo $$ >> '{pids}'
                sleep 60
                echo '{"{"}"output":null{"}"}'
            """);

        // Unsandboxed: the test reads host PIDs from a file outside the workspace; the sandbox's kill on timeout is
        // tried in tests/Orchestrator.Plugins.Tests/Execution/SandboxTests.cs.
        await using var engine = await EngineHarness.StartAsync(_root, plugins: p => p.Sandbox = SandboxMode.Off);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "sleepy" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Failed);
        run.Failure.ShouldNotBeNull().ShouldContain("'nap'");
        run.Progress!.SharedData!.Errors.Length.ShouldBe(2);
        var started = File.ReadAllLines(pids);
        started.Length.ShouldBe(2);
        foreach (var pid in started.Select(int.Parse))
        {
            Directory.Exists($"/proc/{pid}").ShouldBeFalse($"attempt process {pid} is still alive after its timeout");
        }
    }

    [Fact]
    public async Task Start_OptionalPhaseFails_RunCompletesWithTheErrorRecorded()
    {
        TestPlugins.BuiltIn(_root, "partly", """
              - name: main
                order: 1
              - name: extra
                order: 2
                required: false
              - name: last
                order: 3
            """);
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["partly"] = () => new DelegateProvider(
                new DelegatePhase("main", (_, _) => Task.FromResult(PhaseResult.FromOutput(1))),
                new DelegatePhase("extra", (_, _) => throw new InvalidOperationException("extra is broken")),
                new DelegatePhase("last", (_, _) => Task.FromResult(PhaseResult.FromOutput(3)))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "partly" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        var error = run.Output!.SharedData.Errors.ShouldHaveSingleItem();
        error.Phase.ShouldBe("extra");
        error.Required.ShouldBeFalse();
        error.Message.ShouldContain("extra is broken");
        run.Output.SharedData.PhaseOutputs.Keys.Order().ShouldBe(["last", "main"]);
    }

    [Fact]
    public async Task Start_ParallelPhases_OverlapInTime()
    {
        TestPlugins.BuiltIn(_root, "fan", """
              - name: left
                order: 1
                parallel: true
              - name: right
                order: 1
                parallel: true
              - name: join
                order: 2
            """);
        var marks = _root.Combine("marks");
        Directory.CreateDirectory(marks);
        async Task<PhaseResult> Side(PhaseRequest request, CancellationToken token)
        {
            File.WriteAllText(Path.Combine(marks, $"{request.Phase}.start"), DateTimeOffset.UtcNow.ToString("O"));
            var other = request.Phase == "left" ? "right" : "left";
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!File.Exists(Path.Combine(marks, $"{other}.start")) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, token);
            }

            File.WriteAllText(Path.Combine(marks, $"{request.Phase}.end"), DateTimeOffset.UtcNow.ToString("O"));
            return PhaseResult.FromOutput(request.Phase);
        }

        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["fan"] = () => new DelegateProvider(
                new DelegatePhase("left", Side),
                new DelegatePhase("right", Side),
                new DelegatePhase("join", (r, _) => Task.FromResult(PhaseResult.FromOutput(r.Context.PhaseNames.ToArray())))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "fan" }, TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        DateTimeOffset Read(string name) => DateTimeOffset.Parse(File.ReadAllText(Path.Combine(marks, name)), System.Globalization.CultureInfo.InvariantCulture);
        (Read("left.start") < Read("right.end") && Read("right.start") < Read("left.end")).ShouldBeTrue("the parallel phases did not overlap");
        run.Output!.SharedData.PhaseOutputs["join"].EnumerateArray().Select(e => e.GetString()).ShouldBe(["left", "right"]);
    }

    [Fact]
    public async Task Approve_WaitingApprovalPhase_RunGoesOnWithThePayload()
    {
        await using var engine = await StartApprovalEngineAsync();
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "gate" }, TestContext.Current.CancellationToken);
        var waiting = await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "check", "waiting for approval");
        waiting.Progress!.Summary.ShouldBe("waiting for approval: check");

        await engine.Runs.ApproveAsync(runId, null, JsonSerializer.SerializeToElement(new { by = "ana" }), TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        run.Output!.SharedData.Metadata["approval.check"].GetProperty("by").GetString().ShouldBe("ana");
    }

    [Fact]
    public async Task Reject_WaitingApprovalPhase_RunFailsWithTheReason()
    {
        await using var engine = await StartApprovalEngineAsync();
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "gate" }, TestContext.Current.CancellationToken);
        await engine.WaitForAsync(runId, r => r.Progress?.WaitingForApproval == "check", "waiting for approval");

        await engine.Runs.RejectAsync(runId, null, "not yet", TestContext.Current.CancellationToken);
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Failed);
        run.Failure.ShouldNotBeNull().ShouldContain("'check' was rejected: not yet");
    }

    [Fact]
    public async Task Start_InvalidConfig_RejectedWithEveryProblemAndNoRunCreated()
    {
        TestPlugins.BuiltIn(_root, "strict", """
              - name: only
                order: 1
            """, """
            config_schema:
              type: object
              properties:
                words: {type: integer, minimum: 10}
                style: {type: string}
              additionalProperties: false
            required_config: [style]
            resource_spec:
              api_keys: [STRICT_API_KEY]
            """);
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["strict"] = () => new DelegateProvider(new DelegatePhase("only", (_, _) => Task.FromResult(PhaseResult.FromOutput(0)))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var request = new RunRequest
        {
            Target = "strict",
            RunId = "bad-config-run",
            Config = ImmutableDictionary<string, JsonElement>.Empty.Add("words", JsonSerializer.SerializeToElement(3)),
        };
        var ex = await Should.ThrowAsync<RunRequestException>(() => engine.Runs.StartAsync(request, TestContext.Current.CancellationToken));

        ex.Problems.ShouldContain(p => p.Contains("words", StringComparison.Ordinal));
        ex.Problems.ShouldContain(p => p.Contains("'style' is required", StringComparison.Ordinal));
        ex.Problems.ShouldContain(p => p.Contains("STRICT_API_KEY", StringComparison.Ordinal));
        (await engine.Runs.GetAsync("bad-config-run", TestContext.Current.CancellationToken)).ShouldBeNull();
        (await engine.Runs.ListAsync(null, 100, TestContext.Current.CancellationToken)).ShouldBeEmpty();
        Directory.Exists(Path.Combine(engine.DataDirectory, "runs", "bad-config-run")).ShouldBeFalse();
    }

    [Fact]
    public async Task Start_BadConfigAndPhaseOverrides_EachProblemReportedOnce()
    {
        TestPlugins.BuiltIn(_root, "tuned", """
              - name: first
                order: 1
              - name: second
                order: 2
                config_overrides: {style: loud}
              - name: third
                order: 3
                config_overrides: {style: 7}
            """, """
            config_schema:
              type: object
              properties:
                words: {type: integer, minimum: 10}
                style: {type: string}
            """);
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["tuned"] = () => new DelegateProvider(
                new DelegatePhase("first", (_, _) => Task.FromResult(PhaseResult.FromOutput(0))),
                new DelegatePhase("second", (_, _) => Task.FromResult(PhaseResult.FromOutput(0))),
                new DelegatePhase("third", (_, _) => Task.FromResult(PhaseResult.FromOutput(0)))),
        };
        await using var engine = await EngineHarness.StartAsync(_root, builtIns);

        var request = new RunRequest
        {
            Target = "tuned",
            Config = ImmutableDictionary<string, JsonElement>.Empty.Add("words", JsonSerializer.SerializeToElement(3)),
        };
        var ex = await Should.ThrowAsync<RunRequestException>(() => engine.Runs.StartAsync(request, TestContext.Current.CancellationToken));

        ex.Problems.Count(p => p.Contains("/words", StringComparison.Ordinal)).ShouldBe(1, string.Join("\n", ex.Problems));
        ex.Problems.ShouldContain(p => p.StartsWith("config:", StringComparison.Ordinal) && p.Contains("/words", StringComparison.Ordinal));
        ex.Problems.Where(p => p.Contains("/style", StringComparison.Ordinal)).ShouldHaveSingleItem()
            .ShouldStartWith("phases.third.config_overrides:");
    }

    [Fact]
    public async Task Start_UnknownTarget_RejectedNamingIt()
    {
        await using var engine = await EngineHarness.StartAsync(_root);

        var ex = await Should.ThrowAsync<RunRequestException>(
            () => engine.Runs.StartAsync(new RunRequest { Target = "nowhere" }, TestContext.Current.CancellationToken));

        ex.Message.ShouldContain("no workflow or plugin named 'nowhere'");
    }

    private async Task<EngineHarness> StartApprovalEngineAsync()
    {
        TestPlugins.BuiltIn(_root, "gate", """
              - name: check
                order: 1
                approval: true
            """);
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["gate"] = () => new DelegateProvider(new DelegatePhase("check", (_, _) => Task.FromResult(PhaseResult.FromOutput("checked")))),
        };
        return await EngineHarness.StartAsync(_root, builtIns);
    }
}
