
namespace Orchestrator.IntegrationTests.Engine;

/// <summary>
/// Durability on azure-storage: a separate sidecar process, a worker process killed with kill -9 in the middle of a
/// long external phase, a new worker: the run completes and earlier phases' side effects happened exactly once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerKillTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TempDirectory _root = new("orch-worker-kill-");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Worker_KilledDuringLongPhase_RestartedWorkerFinishesRunWithoutRepeatingEarlierPhases()
    {
        var plugins = Path.Combine(_root.Path, "plugins");
        var log = Path.Combine(_root.Path, "effects.log");
        var marker = Path.Combine(_root.Path, "slow-started-once");
        ScriptPlugin.Write(plugins, "durable", """
              - name: first
                order: 1
              - name: slow
                order: 2
                timeout: 5m
              - name: last
                order: 3
            """, "\"first\",\"slow\",\"last\"", $"""
                echo "$2" >> '{log}'
                if [ "$2" = slow ] && [ ! -e '{marker}' ]; then touch '{marker}'; sleep 120; fi
                echo "{"{"}\"output\":\"$2\"{"}"}"
            """);
        await using var sidecar = await SidecarProcess.StartAsync(
            "--backend", "azure-storage", "--connection", azurite.ConnectionString, "--task-hub", azurite.NewTaskHub("enginekill"), "--partitions", "1");
        var environment = new Dictionary<string, string>
        {
            ["XDG_CONFIG_HOME"] = Path.Combine(_root.Path, "config"),
            ["XDG_DATA_HOME"] = Path.Combine(_root.Path, "xdg"),
            ["ORCHESTRATOR_DATA_DIR"] = Path.Combine(_root.Path, "data"),

            // The plugin records its side effects in files outside any run's workspace, which the sandbox forbids
            // (docs/process-protocol.md#sandbox); what this test checks is durability, not isolation.
            ["ORCHESTRATOR_PLUGINS__SANDBOX"] = "off",
        };
        string[] workerArgs = ["worker", "--sidecar", sidecar.Address, "--plugins", plugins];

        var worker = ChildProcess.StartDotnet(RepoPaths.CliDll, workerArgs, environment);
        await using var firstWorker = worker;
        await worker.WaitForLineAsync(l => l.Contains("worker ready", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the worker never got ready");
        await using var client = ChildProcess.StartDotnet(
            RepoPaths.CliDll, ["run", "durable", "--sidecar", sidecar.Address, "--plugins", plugins, "--json"], environment);
        await Eventually.TrueAsync(() => File.Exists(marker) || client.HasExited, TimeSpan.FromSeconds(90),
            () => $"the slow phase never started; worker:{Environment.NewLine}{worker.Output}{Environment.NewLine}client:{Environment.NewLine}{client.Output}");
        client.HasExited.ShouldBeFalse(client.Output);

        worker.Kill();
        (await worker.WaitForExitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue("the killed worker did not exit");
        await using var secondWorker = ChildProcess.StartDotnet(RepoPaths.CliDll, workerArgs, environment);

        (await client.WaitForExitAsync(TimeSpan.FromSeconds(120))).ShouldBeTrue(
            $"the run did not finish after the worker restarted; worker:{Environment.NewLine}{secondWorker.Output}{Environment.NewLine}client:{Environment.NewLine}{client.Output}");
        client.ExitCode.ShouldBe(0, client.Output);
        client.Output.ShouldContain("\"status\": \"completed\"");
        var effects = File.ReadAllLines(log);
        effects.Count(e => e == "first").ShouldBe(1, string.Join(",", effects));
        effects.Count(e => e == "slow").ShouldBe(2, string.Join(",", effects));
        effects.Count(e => e == "last").ShouldBe(1, string.Join(",", effects));
    }
}
