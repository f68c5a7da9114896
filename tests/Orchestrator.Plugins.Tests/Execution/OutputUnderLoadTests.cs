using Orchestrator.Plugins.Execution;

namespace Orchestrator.Plugins.Tests.Execution;

/// <summary>
/// What an executable writes is never lost: many calls at once, and a grandchild that keeps stdout open
/// (docs/process-protocol.md#limits-and-environment).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OutputUnderLoadTests : IDisposable
{
    private readonly PluginSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task ExecuteAsync_FiveHundredAtOnce_EveryResultArrives()
    {
        const int calls = 500;
        _sandbox.WriteExecutable(
            "steady",
            """
            #!/bin/sh
            case "$1" in
              info) echo '{"name":"steady","version":"1.0.0","protocol":1,"phases":["go"]}' ;;
              validate) exit 0 ;;
              *) cat > /dev/null; echo "working on $ORCHESTRATOR_RUN_ID" >&2; printf '{"output":{"run":"%s"}}\n' "$ORCHESTRATOR_RUN_ID" ;;
            esac
            """,
            "  - name: go\n    order: 1\n");
        var plugin = await _sandbox.LoadAsync("steady");
        var executor = new PhaseExecutor(_sandbox.Catalog);

        var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(async i =>
        {
            var request = _sandbox.Request(plugin, "go") with { RunId = $"run-{i}" };
            try
            {
                var result = await executor.ExecuteAsync(plugin.Identity, request, TestContext.Current.CancellationToken);
                return result.Output.GetProperty("run").GetString() == request.RunId ? null : $"run-{i}: wrong output {result.Output}";
            }
            catch (PhaseExecutionException e)
            {
                return $"run-{i}: {e.Message}";
            }
        }));

        var failures = results.Where(r => r is not null).ToList();
        failures.ShouldBeEmpty($"{failures.Count} of {calls} calls lost their result, e.g. {failures.FirstOrDefault()}");
    }

    [Fact]
    public Task ExecuteAsync_UnsandboxedGrandchildKeepsStdoutOpen_ResultStillArrives() =>
        // Without the sandbox a grandchild that calls setsid outlives the call (docs/process-protocol.md#sandbox);
        // holding stdout open, it must neither take the result with it nor keep the call waiting.
        WithDetachedGrandchildAsync("kept", "exec sleep 300", string.Empty, async plugin =>
        {
            var result = await _sandbox.ExecuteAsync(plugin, "go");

            result.Output.GetString().ShouldBe("kept");
            Processes.IsRunning(await GrandchildAsync()).ShouldBeTrue("the grandchild still holds stdout, so the result came before its end");
        });

    [Fact]
    public Task ExecuteAsync_UnsandboxedGrandchildWritesOnAfterTheExit_ReadUntilTheTimeoutAndFailsAsTimeout() =>
        // The entry exits, but a detached grandchild keeps stdout busy: reading goes on, bounded by the phase timeout,
        // and the failure says timeout rather than judging the part of stdout read so far.
        WithDetachedGrandchildAsync("partial", "while true; do echo more; sleep 0.1; done", "    timeout: 3s\n", async plugin =>
        {
            var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "go"));

            failure.Kind.ShouldBe(PhaseFailureKind.Timeout, failure.Message);
        });

    private Task<int> GrandchildAsync() => Processes.ReadPidAsync(Path.Combine(_sandbox.Workdir, "grandchild.pid"));

    // An unsandboxed plugin named after its output whose entry leaves a setsid grandchild running `command` with the
    // call's stdout; the grandchild is killed by PID afterwards.
    private async Task WithDetachedGrandchildAsync(string name, string command, string phaseYaml, Func<LoadedPlugin, Task> test)
    {
        _sandbox.Sandbox = Orchestrator.Plugins.Processes.SandboxMode.Off;
        _sandbox.WriteBash(name, $$"""
            cat > /dev/null
            setsid sh -c 'echo $$ > "$ORCHESTRATOR_WORKDIR/grandchild.pid"; {{command}}' &
            until [ -s "$ORCHESTRATOR_WORKDIR/grandchild.pid" ]; do sleep 0.05; done
            echo '{"output":"{{name}}"}'
            """, phaseYaml: phaseYaml);
        var plugin = await _sandbox.LoadAsync(name);
        try
        {
            await test(plugin);
        }
        finally
        {
            if (File.Exists(Path.Combine(_sandbox.Workdir, "grandchild.pid")))
            {
                Processes.Kill(await GrandchildAsync());
            }
        }
    }
}
