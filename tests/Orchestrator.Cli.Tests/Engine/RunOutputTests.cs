using System.Text.RegularExpressions;

namespace Orchestrator.Cli.Tests.Engine;

/// <summary>
/// <c>orchestrator run</c> in this process against a real embedded sidecar and a real plugin executable whose first
/// attempt fails: stdout has one line per event and no log lines; the log goes to stderr only with --verbose.
/// </summary>
public sealed partial class RunOutputTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();
    private readonly string _plugins;

    public RunOutputTests()
    {
        _plugins = _sandbox.Sub("plugins");
        ScriptPlugin.Write(_plugins, "flaky", """
              - name: one
                order: 1
                retryable: true
                max_retries: 1
                retry_interval: 1s
              - name: two
                order: 2
            """, "\"one\",\"two\"", """
                if [ "$2" = one ] && [ ! -f "$ORCHESTRATOR_WORKDIR/first-attempt-failed" ]; then touch "$ORCHESTRATOR_WORKDIR/first-attempt-failed"; echo "the first try fails" >&2; exit 1; fi
                echo "{\"output\":\"$2 done\"}"
            """);
    }

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Run_AttemptFailsThenSucceeds_OneLinePerEventAndNoLogLines()
    {
        var result = await _sandbox.RunAsync("run", "flaky", "--plugins", _plugins, "--data-dir", _sandbox.Sub("data"), "--backend", "memory");

        result.ExitCode.ShouldBe(0, result.ToString());
        var lines = result.Output.TrimEnd().Split(Environment.NewLine);
        lines[0].ShouldMatch(@"^run flaky-\S+ started \(flaky\)$");
        var completed = Array.FindIndex(lines, l => CompletedLine().IsMatch(l));
        completed.ShouldBeGreaterThan(1, result.ToString());
        var events = lines[1..completed];
        events.ShouldAllBe(l => EventLine().IsMatch(l) || l.StartsWith("             ", StringComparison.Ordinal));
        events.ShouldAllBe(l => !l.Contains(" info: ") && !l.Contains(" warn: "));
        var failure = Array.FindIndex(events, l => l.Contains("! one (attempt 1/2): ", StringComparison.Ordinal));
        failure.ShouldBeGreaterThanOrEqualTo(0, result.ToString());
        events[failure + 1].Trim().ShouldBe("the first try fails");
        result.Output.Split("the first try fails").Length.ShouldBe(2, result.ToString());
        events.ShouldContain(l => l.Contains("one: done in", StringComparison.Ordinal));
        events[^1].ShouldContain("two: done in");
        result.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_Verbose_LogLinesOnStderrOnly()
    {
        var result = await _sandbox.RunAsync("run", "flaky", "--plugins", _plugins, "--data-dir", _sandbox.Sub("data"), "--verbose", "--backend", "memory");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Error.ShouldContain(" info: Orchestrator.Engine.Activities.PhaseActivity[6000] ");
        result.Error.ShouldContain(" warn: Orchestrator.Engine.Activities.PhaseActivity[6002] ");
        result.Error.ShouldNotContain("[3021]");
        result.Output.ShouldNotContain(" info: ");
        result.Output.ShouldNotContain(" warn: ");
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d ")]
    private static partial Regex EventLine();

    [GeneratedRegex(@"^run flaky-\S+: completed \(")]
    private static partial Regex CompletedLine();
}
