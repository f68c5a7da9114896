using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.IntegrationTests.Engine;

/// <summary>`orchestrator run` waits at an approval phase; `orchestrator runs approve|reject` from another process decides.</summary>
public sealed partial class CliApprovalTests : IDisposable
{
    private readonly TempDirectory _root = new("orch-cli-approval-");

    public CliApprovalTests()
    {
        GatePlugin.Write(Path.Combine(_root.Path, "plugins"), "gate");
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task RunsApprove_RunWaitingForApproval_RunCompletesAndExitsZero()
    {
        await using var run = StartRun();
        var (runId, sidecar) = await WaitForApprovalPromptAsync(run);
        var list = await RunCliAsync(["runs", "list", "--sidecar", sidecar]);
        list.ExitCode.ShouldBe(0, list.Output);
        list.Output.ShouldContain(runId);
        list.Output.ShouldContain("waiting for approval: publish");

        var approve = await RunCliAsync(["runs", "approve", runId, "--sidecar", sidecar, "--payload", "{\"by\":\"test\"}"]);

        approve.ExitCode.ShouldBe(0, approve.Output);
        (await run.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBeTrue($"run did not finish after approval:{Environment.NewLine}{run.Output}");
        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain($"run {runId}: completed");
    }

    [Fact]
    public async Task RunsListJson_RunWaitingForApproval_ThePageTheRestApiAnswersAndBadPagingRefused()
    {
        await using var run = StartRun();
        var (runId, sidecar) = await WaitForApprovalPromptAsync(run);

        var list = await RunCliAsync(["runs", "list", "--sidecar", sidecar, "--json", "--limit", "1"]);
        var badLimit = await RunCliAsync(["runs", "list", "--sidecar", sidecar, "--limit", "0"]);
        var badToken = await RunCliAsync(["runs", "list", "--sidecar", sidecar, "--continuation-token", "not-a-token"]);

        list.ExitCode.ShouldBe(0, list.Output);
        using var json = JsonDocument.Parse(list.Output[list.Output.IndexOf('{', StringComparison.Ordinal)..(list.Output.LastIndexOf('}') + 1)]);
        json.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["runs", "continuation_token"]);
        var listed = json.RootElement.GetProperty("runs").EnumerateArray().ShouldHaveSingleItem();
        listed.GetProperty("run_id").GetString().ShouldBe(runId);
        listed.GetProperty("progress").GetProperty("waiting_for_approval").GetString().ShouldBe("publish");
        listed.GetProperty("output").ValueKind.ShouldBe(JsonValueKind.Null);
        json.RootElement.GetProperty("continuation_token").ValueKind.ShouldBe(JsonValueKind.Null, "one run, so this is the last page");
        badLimit.ExitCode.ShouldBe(2, badLimit.Output);
        badLimit.Output.ShouldContain("--limit 0 must be from 1 to 500");
        badToken.ExitCode.ShouldBe(2, badToken.Output);
        badToken.Output.ShouldContain("--continuation-token");
    }

    [Fact]
    public async Task RunsReject_RunWaitingForApproval_RunFailsWithTheReasonAndExitsOne()
    {
        await using var run = StartRun();
        var (runId, sidecar) = await WaitForApprovalPromptAsync(run);

        var reject = await RunCliAsync(["runs", "reject", runId, "--reason", "wrong audience", "--sidecar", sidecar]);

        reject.ExitCode.ShouldBe(0, reject.Output);
        (await run.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBeTrue($"run did not finish after rejection:{Environment.NewLine}{run.Output}");
        run.ExitCode.ShouldBe(1, run.Output);
        run.Output.ShouldContain("'publish' was rejected: wrong audience");
    }

    [Fact]
    public async Task RunsApprove_UnknownRun_FailsNamingTheRun()
    {
        await using var run = StartRun();
        var (_, sidecar) = await WaitForApprovalPromptAsync(run);

        var approve = await RunCliAsync(["runs", "approve", "no-such-run", "--sidecar", sidecar]);

        approve.ExitCode.ShouldBe(1);
        approve.Output.ShouldContain("no run 'no-such-run'");
    }

    private ChildProcess StartRun() => ChildProcess.StartDotnet(
        RepoPaths.CliDll,
        ["run", "gate", "--plugins", Path.Combine(_root.Path, "plugins"), "--data-dir", Path.Combine(_root.Path, "data")],
        new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = Path.Combine(_root.Path, "config"), ["XDG_DATA_HOME"] = Path.Combine(_root.Path, "xdg") });

    private static async Task<(string RunId, string Sidecar)> WaitForApprovalPromptAsync(ChildProcess run)
    {
        var line = await run.WaitForLineAsync(l => l.Contains("approve: orchestrator runs approve", StringComparison.Ordinal), TimeSpan.FromSeconds(90), "the run never asked for approval");
        var match = ApproveLine().Match(line);
        match.Success.ShouldBeTrue(line);
        return (match.Groups["id"].Value, match.Groups["sidecar"].Value);
    }

    private async Task<(int ExitCode, string Output)> RunCliAsync(string[] arguments)
    {
        await using var process = ChildProcess.StartDotnet(RepoPaths.CliDll, [.. arguments, "--plugins", Path.Combine(_root.Path, "plugins")]);
        (await process.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBeTrue($"orchestrator {string.Join(' ', arguments)} did not exit:{Environment.NewLine}{process.Output}");
        return (process.ExitCode, process.Output);
    }

    [GeneratedRegex(@"runs approve (?<id>\S+) --sidecar (?<sidecar>http://\S+)")]
    private static partial Regex ApproveLine();
}
