using System.Text.Json;

namespace Orchestrator.Cli.Tests.Plan;

/// <summary><c>orchestrator plan</c>: what a run would do, checked as a start checks it, with no sidecar and nothing scheduled.</summary>
public sealed class PlanCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private async Task<string> WritePipelineAsync()
    {
        var plugins = _sandbox.Sub("plugins");
        var directory = Path.Combine(plugins, "harbour");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "plugin.yaml"), """
            name: harbour
            version: 2.1.0
            type: external
            binary: true
            entry_point: run.sh
            domains: [test]
            default_config: {units: metric}
            config_schema:
              type: object
              properties: {units: {enum: [metric, imperial]}, depth: {type: integer}}
            phases:
              - name: fetch
                order: 1
                timeout: 10s
                estimated_time: 5s
                retryable: true
                max_retries: 2
                retry_interval: 2s
              - name: tides
                order: 2
                parallel: true
                timeout: 20s
                estimated_time: 7s
                config_overrides: {depth: 3}
              - name: chart
                order: 2
                parallel: true
                approval: true
                timeout: 1m
                estimated_time: 9s
              - name: publish
                order: 3
                required: false
            """, TestContext.Current.CancellationToken);
        var script = Path.Combine(directory, "run.sh");
        await File.WriteAllTextAsync(script, """
            #!/bin/sh
            case "$1" in
              info) echo '{"name":"harbour","version":"2.1.0","protocol":1,"phases":["fetch","tides","chart","publish"]}' ;;
              validate) exit 0 ;;
              *) exit 2 ;;
            esac
            """, TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return plugins;
    }

    [Fact]
    public async Task Plan_ParallelApprovalRetries_TotalsAndARowPerPhaseInOrder()
    {
        var plugins = await WritePipelineAsync();

        var result = await _sandbox.RunAsync("plan", "harbour", "--plugins", plugins, "--config", "units=imperial");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("plan of plugin harbour: 1 step; it can start, and nothing was scheduled");
        result.Output.ShouldContain("estimated:  14s (estimated_time on the longest path)");
        result.Output.ShouldContain("worst case: unbounded: no timeout on 1/harbour.publish");
        result.Output.ShouldContain("step 1/1: harbour 2.1.0 (content ");
        result.Output.ShouldContain("  config: {\"units\":\"imperial\"}");
        var rows = result.Output.Split(Environment.NewLine).SkipWhile(l => !l.StartsWith("  ORDER", StringComparison.Ordinal)).ToList();
        rows[0].ShouldBe("  ORDER  PHASE               RUNS      APPROVAL  TIMEOUT  ATTEMPTS  RETRY WAITS  ESTIMATED  WORST CASE  CONFIG");
        rows[1].ShouldBe("  1      fetch               in turn   -         10s      3         2s, 4s       5s         2m6s        as the step");
        rows[2].ShouldBe("  2      tides               parallel  -         20s      1         -            7s         50s         {\"depth\":3,\"units\":\"imperial\"}");
        rows[3].ShouldBe("  2      chart               parallel  waits     1m       1         -            9s         1m30s       as the step");
        rows[4].ShouldBe("  3      publish (optional)  in turn   -         none     1         -            -          unbounded   as the step");
    }

    [Fact]
    public async Task Plan_Json_TheContractWithTheWorstCaseOfEachPart()
    {
        var plugins = await WritePipelineAsync();

        var result = await _sandbox.RunAsync("plan", "harbour", "--plugins", plugins, "--auto-approve", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["target", "workflow", "input", "auto_approve", "estimated_seconds", "worst_case_seconds", "unbounded", "steps"]);
        root.GetProperty("workflow").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("auto_approve").GetBoolean().ShouldBeTrue();
        root.GetProperty("estimated_seconds").GetDouble().ShouldBe(14);
        root.GetProperty("worst_case_seconds").ValueKind.ShouldBe(JsonValueKind.Null);
        var step = root.GetProperty("steps").EnumerateArray().ShouldHaveSingleItem();
        step.GetProperty("version").GetString().ShouldBe("2.1.0");
        step.GetProperty("content_hash").GetString()!.Length.ShouldBe(64);
        var groups = step.GetProperty("groups").EnumerateArray().ToList();
        groups.Select(g => g.GetProperty("parallel").GetBoolean()).ShouldBe([false, true, false]);
        groups[0].GetProperty("worst_case_seconds").GetDouble().ShouldBe(126);
        groups[1].GetProperty("worst_case_seconds").GetDouble().ShouldBe(90);
        var fetch = groups[0].GetProperty("phases")[0];
        fetch.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["name", "required", "approval", "timeout_seconds", "max_attempts", "retry_delays_seconds", "estimated_seconds", "worst_case_seconds", "config"]);
        fetch.GetProperty("retry_delays_seconds").EnumerateArray().Select(d => d.GetDouble()).ShouldBe([2.0, 4.0]);
    }

    [Fact]
    public async Task Plan_WorkflowWithMissingInputAndBadConfig_Exit2WithEveryProblem()
    {
        var plugins = await WritePipelineAsync();
        var workflows = _sandbox.Sub("flows");
        await File.WriteAllTextAsync(Path.Combine(workflows, "harbours.yaml"), """
            name: harbours
            plugin: harbour
            input_schema: {type: object, required: [harbour]}
            """, TestContext.Current.CancellationToken);

        var result = await _sandbox.RunAsync("plan", "harbours", "--plugins", plugins, "--workflows", workflows, "--config", "units=furlongs");

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.ToString());
        result.Output.ShouldBeEmpty();
        result.Error.ShouldContain("error: cannot start 'harbours' (2 problem(s)):");
        result.Error.ShouldContain("- input: none was given, but the input_schema of workflow");
        result.Error.ShouldContain("- config: at /units");
    }

    [Fact]
    public async Task Plan_UnknownTargetOrUnreadableInput_Exit2SayingWhatToFix()
    {
        var unknown = await _sandbox.RunAsync("plan", "nowhere");
        var badInput = await _sandbox.RunAsync("plan", "nowhere", "--input", Path.Combine(_sandbox.Current, "missing.json"));
        var noTarget = await _sandbox.RunAsync("plan");

        unknown.ExitCode.ShouldBe(OrchestratorCli.UsageError, unknown.ToString());
        unknown.Error.ShouldContain("no workflow or plugin named 'nowhere'");
        badInput.ExitCode.ShouldBe(OrchestratorCli.UsageError, badInput.ToString());
        badInput.Error.ShouldContain("missing.json");
        noTarget.ExitCode.ShouldBe(OrchestratorCli.UsageError, noTarget.ToString());
    }
}
