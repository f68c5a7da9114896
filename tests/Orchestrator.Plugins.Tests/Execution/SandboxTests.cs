using System.Net;
using System.Net.Sockets;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Plugins.Tests.Execution;

/// <summary>
/// The bubblewrap sandbox (docs/process-protocol.md#sandbox), each rule tried by a real hostile plugin: stealing the
/// host's environment through /proc, writing outside the workspace, reading another run's workspace, outliving the
/// call with setsid, and reaching the network without declaring it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SandboxTests : IDisposable
{
    private const string WaitForRelease = """for i in $(seq 1200); do [ -e "$ORCHESTRATOR_WORKDIR/release" ] && break; sleep 0.05; done""";
    private readonly PluginSandbox _sandbox = new();
    private readonly List<int> _pids = [];

    public void Dispose()
    {
        _pids.ForEach(Processes.Kill);
        _sandbox.Dispose();
    }

    [Fact]
    public async Task ExecuteAsync_ReadsParentAndInitEnviron_SeesOnlyItsOwnAllowlistedEnvironment()
    {
        _sandbox.HostEnvironment = _sandbox.HostEnvironment.Add("HOST_SECRET", "do-not-leak");
        _sandbox.WriteBash("thief", """
            cat > /dev/null
            for f in "/proc/$PPID/environ" /proc/1/environ /proc/[0-9]*/environ; do tr '\0' '\n' < "$f"; echo; done > "$ORCHESTRATOR_WORKDIR/stolen.txt" 2>/dev/null
            echo '{"output":null}'
            """);
        var plugin = await _sandbox.LoadAsync("thief");

        await _sandbox.ExecuteAsync(plugin, "go");

        var stolen = (await File.ReadAllLinesAsync(Path.Combine(_sandbox.Workdir, "stolen.txt"), TestContext.Current.CancellationToken))
            .Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        stolen.ShouldContain("ORCHESTRATOR_PLUGIN=thief", "the plugin's own processes are readable, so the reads did happen");
        stolen.ShouldNotContain(l => l.StartsWith("HOST_SECRET=", StringComparison.Ordinal));
        var hostOnly = HostProcessEnvironment().Where(e => !IsAllowlisted(e)).ToList();
        hostOnly.ShouldNotBeEmpty("the test host has variables of its own to steal");
        stolen.Intersect(hostOnly).ShouldBeEmpty("the host process's environment must not be readable through /proc");
        stolen.Select(l => l.Split('=', 2)[0]).Distinct().Except(
            ["PATH", "HOME", "ORCHESTRATOR_RUN_ID", "ORCHESTRATOR_PLUGIN", "ORCHESTRATOR_PHASE", "ORCHESTRATOR_WORKDIR", "PWD", "SHLVL", "_", "OLDPWD"])
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_WritesOutsideItsWorkspace_NoWriteReachesTheHost()
    {
        var workspace = _sandbox.Sub("data", "runs", "mine");
        var token = Guid.NewGuid().ToString("N");
        var directory = _sandbox.WriteBash("escaper", $$"""
            cat > /dev/null
            for target in ../../escape.txt ../escape.txt "$HOME/escape.txt" "$(dirname "$0")/escape.txt" /escape-{{token}}.txt /tmp/escape-{{token}}.txt /usr/escape-{{token}}.txt; do
              if ( echo x > "$target" ) 2>/dev/null; then echo "wrote $target" >> report.txt; else echo "refused $target" >> report.txt; fi
            done
            echo inside > inside.txt
            echo '{"output":null}'
            """);
        var plugin = await _sandbox.LoadAsync("escaper");
        try
        {
            await ExecuteInAsync(plugin, workspace);

            File.ReadAllText(Path.Combine(workspace, "inside.txt")).ShouldBe("inside\n");
            string[] outside =
            [
                Path.Combine(_sandbox.Root, "data", "escape.txt"), Path.Combine(_sandbox.Root, "data", "runs", "escape.txt"), Path.Combine(_sandbox.HostEnvironment["HOME"], "escape.txt"),
                Path.Combine(directory, "escape.txt"), $"/escape-{token}.txt", $"/tmp/escape-{token}.txt", $"/usr/escape-{token}.txt",
            ];
            outside.Where(File.Exists).ShouldBeEmpty(File.ReadAllText(Path.Combine(workspace, "report.txt")));
            File.ReadAllText(Path.Combine(workspace, "report.txt")).ShouldContain($"wrote /tmp/escape-{token}.txt", customMessage: "/tmp is writable, but private");
        }
        finally
        {
            foreach (var stray in new[] { $"/escape-{token}.txt", $"/tmp/escape-{token}.txt", $"/usr/escape-{token}.txt" }.Where(File.Exists))
            {
                File.Delete(stray);
            }
        }
    }

    [Fact]
    public async Task ExecuteAsync_ReadsAnotherRunsWorkspaceAndHome_SeesNeither()
    {
        var other = _sandbox.Sub("data", "runs", "other");
        await File.WriteAllTextAsync(Path.Combine(other, "secret.txt"), "other-run-secret", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_sandbox.HostEnvironment["HOME"], "secret.txt"), "home-secret", TestContext.Current.CancellationToken);
        var workspace = _sandbox.Sub("data", "runs", "mine");
        await File.WriteAllTextAsync(Path.Combine(workspace, "own.txt"), "own-file", TestContext.Current.CancellationToken);
        _sandbox.WriteBash("snoop", $$"""
            cat > /dev/null
            { cat own.txt; cat ../other/secret.txt; cat '{{other}}/secret.txt'; cat "$HOME/secret.txt"; ls -a .. ../..; } > "$ORCHESTRATOR_WORKDIR/seen.txt" 2>&1
            echo '{"output":null}'
            """);
        var plugin = await _sandbox.LoadAsync("snoop");

        await ExecuteInAsync(plugin, workspace);

        var seen = await File.ReadAllTextAsync(Path.Combine(workspace, "seen.txt"), TestContext.Current.CancellationToken);
        seen.ShouldContain("own-file");
        seen.ShouldNotContain("other-run-secret");
        seen.ShouldNotContain("home-secret");
        seen.ShouldNotContain("other\n");
    }

    [Fact]
    public async Task ExecuteAsync_DetachesGrandchildWithSetsid_GrandchildDiesWithTheCall()
    {
        _sandbox.WriteBash("daemon", $$"""
            cat > /dev/null
            ( setsid sleep 300 < /dev/null > /dev/null 2>&1 & echo "{{Processes.NamespaceOf}} $!" > "$ORCHESTRATOR_WORKDIR/pids" )
            {{WaitForRelease}}
            echo '{"output":"detached"}'
            """);
        var plugin = await _sandbox.LoadAsync("daemon");

        var call = _sandbox.ExecuteAsync(plugin, "go");
        var pids = await Processes.ReadSandboxedPidsAsync(Path.Combine(_sandbox.Workdir, "pids"), 1);
        _pids.AddRange(pids);
        await File.WriteAllTextAsync(Path.Combine(_sandbox.Workdir, "release"), string.Empty, TestContext.Current.CancellationToken);

        (await call).Output.GetString().ShouldBe("detached");
        await Processes.WaitGoneAsync(pids[0], "the grandchild that left the session with setsid");
    }

    [Fact]
    public async Task ExecuteAsync_GrandchildKeepsStdoutOpen_ResultArrivesAndGrandchildDies()
    {
        _sandbox.WriteBash("holder", $$"""
            cat > /dev/null
            setsid sleep 300 &
            echo "{{Processes.NamespaceOf}} $!" > "$ORCHESTRATOR_WORKDIR/pids"
            {{WaitForRelease}}
            echo '{"output":"kept"}'
            """);
        var plugin = await _sandbox.LoadAsync("holder");

        var call = _sandbox.ExecuteAsync(plugin, "go");
        var pids = await Processes.ReadSandboxedPidsAsync(Path.Combine(_sandbox.Workdir, "pids"), 1);
        _pids.AddRange(pids);
        await File.WriteAllTextAsync(Path.Combine(_sandbox.Workdir, "release"), string.Empty, TestContext.Current.CancellationToken);

        (await call).Output.GetString().ShouldBe("kept");
        await Processes.WaitGoneAsync(pids[0], "the grandchild holding stdout");
    }

    [Fact]
    public async Task ExecuteAsync_CancelledWhileIgnoringSigterm_EveryProcessInTheSandboxKilled()
    {
        _sandbox.KillGracePeriod = TimeSpan.FromMilliseconds(300);
        _sandbox.WriteBash("stubborn", $$"""
            trap '' TERM
            sleep 300 &
            echo "{{Processes.NamespaceOf}} $!" > "$ORCHESTRATOR_WORKDIR/pids.tmp"
            ( setsid sleep 300 < /dev/null > /dev/null 2>&1 & echo "{{Processes.NamespaceOf}} $!" >> "$ORCHESTRATOR_WORKDIR/pids.tmp" )
            echo "{{Processes.NamespaceOf}} $$" >> "$ORCHESTRATOR_WORKDIR/pids.tmp"
            mv "$ORCHESTRATOR_WORKDIR/pids.tmp" "$ORCHESTRATOR_WORKDIR/pids"
            while true; do sleep 0.2; done
            """);
        var plugin = await _sandbox.LoadAsync("stubborn");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var call = new PhaseExecutor(_sandbox.Catalog).ExecuteAsync(plugin.Identity, _sandbox.Request(plugin, "go"), cancel.Token);
        var pids = await Processes.ReadSandboxedPidsAsync(Path.Combine(_sandbox.Workdir, "pids"), 3);
        _pids.AddRange(pids);
        await cancel.CancelAsync();

        (await Should.ThrowAsync<PhaseExecutionException>(() => call)).Kind.ShouldBe(PhaseFailureKind.Cancelled);
        foreach (var pid in pids)
        {
            await Processes.WaitGoneAsync(pid, "a process of the cancelled call");
        }
    }

    [Fact]
    public async Task ExecuteAsync_TimeoutInSandbox_FailsAsTimeout()
    {
        _sandbox.KillGracePeriod = TimeSpan.FromMilliseconds(300);
        _sandbox.WriteBash("slow", "trap '' TERM; while true; do sleep 0.2; done", phaseYaml: "    timeout: 500ms\n");
        var plugin = await _sandbox.LoadAsync("slow");

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "go"));

        failure.Kind.ShouldBe(PhaseFailureKind.Timeout);
        failure.Message.ShouldContain("timed out after 0.5s");
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("resource_spec:\n  network_required: true\n", true)]
    [InlineData("resource_spec:\n  permissions: [network]\n", true)]
    public async Task ExecuteAsync_ConnectsToLoopbackListener_OnlyWhenNetworkDeclared(string resourceSpec, bool reachable)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _sandbox.WriteExecutable(
            "caller",
            """
            #!/usr/bin/env python3
            import json, socket, sys
            if sys.argv[1] == "info":
                print(json.dumps({"name": "caller", "version": "1.0.0", "protocol": 1, "phases": ["go"]}))
            elif sys.argv[1] == "execute":
                port = json.load(sys.stdin)["input"]["port"]
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=10).close()
                    print(json.dumps({"output": {"connected": True}}))
                except OSError as e:
                    print(json.dumps({"output": {"connected": False, "error": str(e)}}))
            """,
            "  - name: go\n    order: 1\n",
            resourceSpec);
        var plugin = await _sandbox.LoadAsync("caller");

        var result = await _sandbox.ExecuteAsync(plugin, "go", $$"""{"port":{{port}}}""");

        result.Output.GetProperty("connected").GetBoolean().ShouldBe(reachable, result.Output.ToString());
        if (reachable)
        {
            listener.Pending().ShouldBeTrue("the connection reached the test's listener");
        }
    }

    [Fact]
    public async Task ReloadAsync_BwrapMissing_ExecutableRejectedSayingInstallOrTurnOff()
    {
        _sandbox.BwrapPath = Path.Combine(_sandbox.Root, "nowhere", "bwrap");
        _sandbox.WriteBash("needs-sandbox", "echo '{\"output\":null}'");

        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);

        var problem = _sandbox.Catalog.Problems.ShouldHaveSingleItem();
        problem.Message.ShouldContain("cannot be started");
        problem.Message.ShouldContain("install bubblewrap");
        problem.Message.ShouldContain("ORCHESTRATOR_PLUGINS__SANDBOX=off");
    }

    [Fact]
    public async Task ProblemAsync_NoBwrapFound_SaysToInstallItOrTurnTheSandboxOff()
    {
        var problem = await Orchestrator.Plugins.Processes.Sandbox.SandboxCheck.ProblemAsync(null, TestContext.Current.CancellationToken);

        problem.ShouldNotBeNull();
        problem.ShouldContain("bwrap is not installed");
        problem.ShouldContain("apt-get install bubblewrap");
        problem.ShouldContain("ORCHESTRATOR_PLUGINS__SANDBOX=off");
    }

    [Fact]
    public async Task ReloadAsync_BwrapCannotMakeSandboxes_ExecutableRejectedWithItsReason()
    {
        var fake = Path.Combine(_sandbox.Sub("bin"), "bwrap");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _sandbox.BwrapPath = fake;
        _sandbox.WriteBash("needs-sandbox", "echo '{\"output\":null}'");

        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);

        var problem = _sandbox.Catalog.Problems.ShouldHaveSingleItem();
        problem.Message.ShouldContain("bwrap cannot create a sandbox on this machine (exit code 1: bwrap: No permissions to create new namespace)");
        problem.Message.ShouldContain("Plugins:Sandbox set to off");
    }

    [Fact]
    public async Task ExecuteAsync_BwrapRemovedAfterLoad_PhaseFailsToStartSayingInstallOrTurnOff()
    {
        var bwrap = Path.Combine(_sandbox.Sub("bin"), "bwrap");
        File.Copy(Orchestrator.Plugins.Processes.ProcessTools.Bwrap.ShouldNotBeNull("bubblewrap is installed on test machines (./build.sh)"), bwrap);
        _sandbox.BwrapPath = bwrap;
        _sandbox.WriteBash("orphaned", "cat > /dev/null; echo '{\"output\":null}'");
        var plugin = await _sandbox.LoadAsync("orphaned");
        File.Delete(bwrap);

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "go"));

        failure.Kind.ShouldBe(PhaseFailureKind.StartFailed);
        failure.Message.ShouldContain("plugin 'orphaned' phase 'go'");
        failure.Message.ShouldContain("install bubblewrap");
        failure.Message.ShouldContain("ORCHESTRATOR_PLUGINS__SANDBOX=off");
    }

    [Fact]
    public async Task ReloadAsync_SandboxOffAndNoBwrap_ExecutableLoadsAndRuns()
    {
        _sandbox.Sandbox = Orchestrator.Plugins.Processes.SandboxMode.Off;
        _sandbox.BwrapPath = Path.Combine(_sandbox.Root, "nowhere", "bwrap");
        _sandbox.WriteBash("plain", "cat > /dev/null; echo '{\"output\":\"unsandboxed\"}'");
        var plugin = await _sandbox.LoadAsync("plain");

        (await _sandbox.ExecuteAsync(plugin, "go")).Output.GetString().ShouldBe("unsandboxed");
    }

    private Task<PhaseResult> ExecuteInAsync(LoadedPlugin plugin, string workspace) =>
        new PhaseExecutor(_sandbox.Catalog).ExecuteAsync(
            plugin.Identity, _sandbox.Request(plugin, "go") with { WorkingDirectory = workspace }, TestContext.Current.CancellationToken);

    private static bool IsAllowlisted(string entry) =>
        Orchestrator.Plugins.Processes.ProcessEnvironment.AllowList.Contains(entry.Split('=', 2)[0], StringComparer.Ordinal);

    private static IEnumerable<string> HostProcessEnvironment() =>
        File.ReadAllText("/proc/self/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries);
}
