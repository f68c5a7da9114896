using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Processes;

namespace Orchestrator.Plugins.Tests.Execution;

/// <summary>External executable plugins (process protocol v1) run as real bash and python3 processes.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProcessPluginTests : IDisposable
{
    private readonly PluginSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task ExecuteAsync_BashEchoesRequest_ProtocolFieldsRoundTrip()
    {
        _sandbox.WriteBash(
            "echo",
            """req=$(cat); touch "$ORCHESTRATOR_WORKDIR/a.txt"; printf '{"output":%s,"metadata":{"seen":true},"artifacts":["a.txt"]}' "$req" """);
        var plugin = await _sandbox.LoadAsync("echo");
        var config = ImmutableDictionary<string, JsonElement>.Empty.Add("depth", JsonSerializer.SerializeToElement(3));

        var result = await _sandbox.ExecuteAsync(plugin, "go", """{"title":"x"}""", config);

        var request = result.Output;
        request.GetProperty("protocol").GetInt32().ShouldBe(1);
        request.GetProperty("run_id").GetString().ShouldBe("run-1");
        request.GetProperty("plugin").GetString().ShouldBe("echo");
        request.GetProperty("phase").GetString().ShouldBe("go");
        request.GetProperty("attempt").GetInt32().ShouldBe(1);
        request.GetProperty("input").GetProperty("title").GetString().ShouldBe("x");
        request.GetProperty("config").GetProperty("depth").GetInt32().ShouldBe(3);
        request.GetProperty("prompt").ValueKind.ShouldBe(JsonValueKind.Null);
        request.GetProperty("context").GetProperty("phase_outputs").ValueKind.ShouldBe(JsonValueKind.Object);
        request.GetProperty("context").GetProperty("metadata").ValueKind.ShouldBe(JsonValueKind.Object);
        request.GetProperty("workdir").GetString().ShouldBe(_sandbox.Workdir);
        result.Metadata["seen"].GetBoolean().ShouldBeTrue();
        result.Artifacts.ShouldBe(["a.txt"]);
        File.Exists(Path.Combine(_sandbox.Workdir, "a.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task ExecuteAsync_RequestContext_SameViewOfTheRunAsAnInProcessPhase()
    {
        _sandbox.WriteBash("echo", """req=$(cat); printf '{"output":%s}' "$req" """);
        var plugin = await _sandbox.LoadAsync("echo");
        var shared = Abstractions.Context.SharedData.Empty
            .WithPhaseOutput("outline", JsonSerializer.SerializeToElement(new { chapters = 3 }))
            .WithMetadata(ImmutableDictionary<string, JsonElement>.Empty.Add("language", JsonSerializer.SerializeToElement("en")));
        var request = _sandbox.Request(plugin, "go") with { Context = Abstractions.Context.PluginContext.Of(shared) };

        var result = await new PhaseExecutor(_sandbox.Catalog).ExecuteAsync(plugin.Identity, request, TestContext.Current.CancellationToken);

        var context = result.Output.GetProperty("context");
        context.GetProperty("phase_outputs").GetProperty("outline").GetProperty("chapters").GetInt32().ShouldBe(3);
        context.GetProperty("metadata").GetProperty("language").GetString().ShouldBe("en");
        context.GetProperty("metadata").EnumerateObject().Select(p => p.Name).ShouldBe(["language"]);
    }

    [Fact]
    public async Task ExecuteAsync_PythonPlugin_ReturnsComputedOutput()
    {
        _sandbox.WriteExecutable(
            "pystats",
            """
            #!/usr/bin/env python3
            import json, sys
            if sys.argv[1] == "info":
                print(json.dumps({"name": "pystats", "version": "1.0.0", "protocol": 1, "phases": [{"name": "count"}]}))
            elif sys.argv[1] == "validate":
                sys.exit(0)
            else:
                request = json.load(sys.stdin)
                print("counting", file=sys.stderr)
                print(json.dumps({"output": {"words": len(request["input"]["text"].split())}, "metadata": {}, "artifacts": []}))
            """,
            "  - name: count\n    order: 1\n");
        var plugin = await _sandbox.LoadAsync("pystats");

        var result = await _sandbox.ExecuteAsync(plugin, "count", """{"text":"one two three"}""");

        result.Output.GetProperty("words").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task ExecuteAsync_NonZeroExit_FailsWithExitCodeAndStderrTail()
    {
        _sandbox.WriteBash("broken", "echo 'starting' >&2; echo 'database not reachable' >&2; exit 3");
        var plugin = await _sandbox.LoadAsync("broken");

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "go"));

        failure.Kind.ShouldBe(PhaseFailureKind.NonZeroExit);
        failure.ExitCode.ShouldBe(3);
        failure.Message.ShouldContain("exited with code 3");
        failure.Message.ShouldContain("database not reachable");
        failure.Message.ShouldContain("phase 'go'");
    }

    [Fact]
    public async Task ExecuteAsync_ExitsWithTheInvalidInputCode_InvalidInputNotRetryable()
    {
        _sandbox.WriteBash("picky", "echo 'input field \"title\" is missing' >&2; exit 65");
        var plugin = await _sandbox.LoadAsync("picky");

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "go"));

        failure.Kind.ShouldBe(PhaseFailureKind.InvalidInput);
        failure.Kind.IsRetryable().ShouldBeFalse();
        failure.ExitCode.ShouldBe(PhaseFailures.InvalidInputExitCode);
        failure.Message.ShouldContain("cannot use its input or config");
        failure.Message.ShouldContain("input field \"title\" is missing");
    }

    [Fact]
    public async Task ExecuteAsync_InvalidJson_FailsAsInvalidOutput()
    {
        _sandbox.WriteBash("chatty", "echo 'Done! everything worked'");
        var plugin = await _sandbox.LoadAsync("chatty");

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "go"));

        failure.Kind.ShouldBe(PhaseFailureKind.InvalidOutput);
        failure.Message.ShouldContain("invalid JSON");
        failure.Message.ShouldContain("Done! everything worked");
    }

    [Fact]
    public async Task ExecuteAsync_PythonInvalidJson_FailsAsInvalidOutput()
    {
        _sandbox.WriteExecutable(
            "pybad",
            """
            #!/usr/bin/env python3
            import sys
            if sys.argv[1] == "info":
                print('{"name": "pybad", "version": "1.0.0", "protocol": 1, "phases": ["go"]}')
            elif sys.argv[1] == "execute":
                print("{'output': 'single quotes are not JSON'}")
            """,
            "  - name: go\n    order: 1\n");
        var plugin = await _sandbox.LoadAsync("pybad");

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "go"));

        failure.Kind.ShouldBe(PhaseFailureKind.InvalidOutput);
        failure.Message.ShouldContain("invalid JSON");
    }

    [Theory]
    [InlineData("[1,2]", "got a JSON array")]
    [InlineData("{\"result\":1}", "no \\\"output\\\" key")]
    [InlineData("{\"output\":1,\"metadata\":5}", "\\\"metadata\\\" must be an object")]
    [InlineData("{\"output\":1,\"artifacts\":[\"../../etc/passwd\"]}", "without '..'")]
    [InlineData("", "stdout was empty")]
    public async Task ExecuteAsync_WrongShape_FailsSayingWhatIsWrong(string stdout, string expected)
    {
        _sandbox.WriteBash("shape", $"cat > /dev/null; printf '%s' '{stdout}'");
        var plugin = await _sandbox.LoadAsync("shape");

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "go"));

        failure.Kind.ShouldBe(PhaseFailureKind.InvalidOutput);
        failure.Message.ShouldContain(expected.Replace("\\\"", "\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_TimeoutWithGrandchild_KillsWholeProcessTree()
    {
        // Host pids in files the plugin writes: unsandboxed (SandboxTests checks the same inside the sandbox).
        _sandbox.Sandbox = SandboxMode.Off;
        _sandbox.WriteBash(
            "sleepy",
            """sleep 300 & echo $! > "$ORCHESTRATOR_WORKDIR/grandchild.pid"; echo $$ > "$ORCHESTRATOR_WORKDIR/child.pid"; wait""",
            phaseYaml: "    timeout: 1s\n");
        var plugin = await _sandbox.LoadAsync("sleepy");
        var pids = new List<int>();
        try
        {
            var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "go"));
            pids.Add(await Processes.ReadPidAsync(Path.Combine(_sandbox.Workdir, "child.pid")));
            pids.Add(await Processes.ReadPidAsync(Path.Combine(_sandbox.Workdir, "grandchild.pid")));

            failure.Kind.ShouldBe(PhaseFailureKind.Timeout);
            failure.Message.ShouldContain("timed out after 1s");
            await Processes.WaitGoneAsync(pids[0], "the plugin process");
            await Processes.WaitGoneAsync(pids[1], "the grandchild sleep");
        }
        finally
        {
            pids.ForEach(Processes.Kill);
        }
    }

    [Fact]
    public async Task ExecuteAsync_TimeoutIgnoringSigterm_KilledAfterGracePeriod()
    {
        // Host pids in files the plugin writes: unsandboxed (SandboxTests checks the same inside the sandbox).
        _sandbox.Sandbox = SandboxMode.Off;
        _sandbox.KillGracePeriod = TimeSpan.FromMilliseconds(300);
        _sandbox.WriteBash(
            "stubborn",
            """trap '' TERM; sleep 300 & echo $! > "$ORCHESTRATOR_WORKDIR/grandchild.pid"; while true; do sleep 0.2; done""",
            phaseYaml: "    timeout: 500ms\n");
        var plugin = await _sandbox.LoadAsync("stubborn");
        var pid = 0;
        try
        {
            var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "go"));
            pid = await Processes.ReadPidAsync(Path.Combine(_sandbox.Workdir, "grandchild.pid"));

            failure.Kind.ShouldBe(PhaseFailureKind.Timeout);
            await Processes.WaitGoneAsync(pid, "the grandchild that ignores SIGTERM");
        }
        finally
        {
            Processes.Kill(pid);
        }
    }

    [Fact]
    public async Task ExecuteAsync_StdoutFlood_FailsAsOutputTooLarge()
    {
        _sandbox.StdoutLimit = 64 * 1024;
        _sandbox.WriteBash("flood", "yes 'all work and no play'");
        var plugin = await _sandbox.LoadAsync("flood");

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "go"));

        failure.Kind.ShouldBe(PhaseFailureKind.OutputTooLarge);
        failure.Message.ShouldContain("65536-byte limit");
    }

    [Fact]
    public async Task ExecuteAsync_Environment_OnlyAllowlistDeclaredAndOrchestratorVariables()
    {
        _sandbox.HostEnvironment = _sandbox.HostEnvironment
            .Add("HOST_SECRET", "do-not-leak")
            .Add("DECLARED_SETTING", "visible")
            .Add("SERVICE_API_KEY", "key-123")
            .Add("LANG", "C.UTF-8");
        _sandbox.WriteBash(
            "envy",
            """cat > /dev/null; env > "$ORCHESTRATOR_WORKDIR/env.txt"; echo '{"output":null}'""",
            extraYaml: "resource_spec:\n  api_keys: [SERVICE_API_KEY]\n  environment_vars: [DECLARED_SETTING]\n");
        var plugin = await _sandbox.LoadAsync("envy");

        await _sandbox.ExecuteAsync(plugin, "go");

        var env = (await File.ReadAllLinesAsync(Path.Combine(_sandbox.Workdir, "env.txt"), TestContext.Current.CancellationToken))
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        env.ShouldNotContainKey("HOST_SECRET");
        env["DECLARED_SETTING"].ShouldBe("visible");
        env["SERVICE_API_KEY"].ShouldBe("key-123");
        env["LANG"].ShouldBe("C.UTF-8");
        env["ORCHESTRATOR_RUN_ID"].ShouldBe("run-1");
        env["ORCHESTRATOR_PLUGIN"].ShouldBe("envy");
        env["ORCHESTRATOR_PHASE"].ShouldBe("go");
        env["ORCHESTRATOR_WORKDIR"].ShouldBe(_sandbox.Workdir);
        // Nothing else from the host: only what bash itself defines (PWD, SHLVL, _).
        env.Keys.Except(["PATH", "HOME", "LANG", "DECLARED_SETTING", "SERVICE_API_KEY", "ORCHESTRATOR_RUN_ID", "ORCHESTRATOR_PLUGIN",
            "ORCHESTRATOR_PHASE", "ORCHESTRATOR_WORKDIR", "PWD", "SHLVL", "_"]).ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_MaxMemory_AppliedAsAddressSpaceLimit()
    {
        _sandbox.WriteBash("limited", """cat > /dev/null; printf '{"output":"%s"}' "$(ulimit -v)" """, extraYaml: "resource_spec:\n  max_memory: 1GiB\n");
        var plugin = await _sandbox.LoadAsync("limited");

        var result = await _sandbox.ExecuteAsync(plugin, "go");

        result.Output.GetString().ShouldBe((1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ExecuteAsync_CpuShares_RunsAtTheMatchingNiceLevel()
    {
        const string printNice = """cat > /dev/null; printf '{"output":%s}' "$(nice)" """;
        _sandbox.WriteBash("plain", printNice);
        _sandbox.WriteBash("modest", printNice, extraYaml: "resource_spec:\n  cpu_shares: 512\n");
        var plain = await _sandbox.LoadAsync("plain");
        var modest = await _sandbox.LoadAsync("modest");

        var baseline = (await _sandbox.ExecuteAsync(plain, "go")).Output.GetInt32();
        var lowered = (await _sandbox.ExecuteAsync(modest, "go")).Output.GetInt32();

        lowered.ShouldBe(Math.Min(baseline + 3, 19));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(1024, 0)]
    [InlineData(4096, 0)]
    [InlineData(820, 1)]
    [InlineData(512, 3)]
    [InlineData(100, 10)]
    [InlineData(1, 19)]
    public void Niceness_CpuShares_MatchesTheSchedulerWeight(int? shares, int expected) =>
        Orchestrator.Plugins.Processes.ProcessLaunch.Niceness(shares).ShouldBe(expected);

    [Fact]
    public async Task ReloadAsync_ValidateFails_PluginRejectedWithItsStderr()
    {
        _sandbox.WriteBash("needy", "echo '{\"output\":null}'", validate: "echo 'pandoc is not installed; apt install pandoc' >&2; exit 1");

        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);

        _sandbox.Catalog.TryGet("needy", out _).ShouldBeFalse();
        var problem = _sandbox.Catalog.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(PluginProblemKind.LoadFailed);
        problem.Message.ShouldContain("'run validate' exited with code 1");
        problem.Message.ShouldContain("pandoc is not installed; apt install pandoc");
    }

    [Fact]
    public async Task ReloadAsync_ValidateHangs_KilledAtLoadTimeoutAndRejected()
    {
        // Host pids in files the plugin writes: unsandboxed (SandboxTests checks the same inside the sandbox).
        _sandbox.Sandbox = SandboxMode.Off;
        _sandbox.LoadTimeout = TimeSpan.FromMilliseconds(500);
        _sandbox.KillGracePeriod = TimeSpan.FromMilliseconds(200);
        _sandbox.WriteBash("hanging", "echo '{\"output\":null}'", validate: "echo $$ > \"$HOME/validate.pid\"; sleep 300");
        var pid = 0;
        try
        {
            await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);
            pid = await Processes.ReadPidAsync(Path.Combine(_sandbox.HostEnvironment["HOME"], "validate.pid"));

            var problem = _sandbox.Catalog.Problems.ShouldHaveSingleItem();
            problem.Kind.ShouldBe(PluginProblemKind.LoadFailed);
            problem.Message.ShouldContain("'run validate' did not finish within 0.5s and was killed");
            await Processes.WaitGoneAsync(pid, "the hanging validate");
        }
        finally
        {
            Processes.Kill(pid);
        }
    }

    [Fact]
    public async Task ReloadAsync_InfoSpeaksOtherProtocol_PluginRejected()
    {
        _sandbox.WriteExecutable("future", "#!/bin/sh\necho '{\"name\":\"future\",\"version\":\"1.0.0\",\"protocol\":2,\"phases\":[\"go\"]}'\n", "  - name: go\n    order: 1\n");

        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);

        var problem = _sandbox.Catalog.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(PluginProblemKind.LoadFailed);
        problem.Message.ShouldContain("\"protocol\": 1");
    }

    [Fact]
    public async Task ReloadAsync_EntryNotExecutable_PluginRejectedSayingChmod()
    {
        var directory = _sandbox.WriteBash("plain", "echo '{\"output\":null}'");
        File.SetUnixFileMode(Path.Combine(directory, "run"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);

        _sandbox.Catalog.TryGet("plain", out _).ShouldBeFalse();
        var problem = _sandbox.Catalog.Problems.ShouldHaveSingleItem();
        problem.ManifestProblems.ShouldContain(p => p.Message.Contains("chmod +x", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReloadAsync_EntryEscapesPluginDirectory_PluginRejected()
    {
        var outside = Path.Combine(_sandbox.Sub("elsewhere"), "tool.sh");
        await File.WriteAllTextAsync(outside, "#!/bin/sh\necho '{}'\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(outside, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var directory = _sandbox.WriteBash("escape", "echo '{\"output\":null}'");
        File.Delete(Path.Combine(directory, "run"));
        File.CreateSymbolicLink(Path.Combine(directory, "run"), outside);

        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);

        _sandbox.Catalog.TryGet("escape", out _).ShouldBeFalse();
        _sandbox.Catalog.Problems.ShouldHaveSingleItem().ManifestProblems
            .ShouldContain(p => p.Message.Contains("outside the plugin directory", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_ExecutableRemovedAfterLoad_FailsAsStartFailed()
    {
        var directory = _sandbox.WriteBash("vanishing", "echo '{\"output\":null}'");
        var plugin = await _sandbox.LoadAsync("vanishing");
        File.Delete(Path.Combine(directory, "run"));

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "go"));

        failure.Kind.ShouldBe(PhaseFailureKind.StartFailed);
        failure.Message.ShouldContain("'run' does not exist");
    }

    [Fact]
    public async Task ExecuteAsync_ExecutableBitRemovedAfterLoad_FailsAsStartFailed()
    {
        var directory = _sandbox.WriteBash("noexec", "echo '{\"output\":null}'");
        var plugin = await _sandbox.LoadAsync("noexec");
        File.SetUnixFileMode(Path.Combine(directory, "run"), UnixFileMode.UserRead);

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "go"));

        failure.Kind.ShouldBe(PhaseFailureKind.StartFailed);
        failure.Message.ShouldContain("not executable");
    }
}
