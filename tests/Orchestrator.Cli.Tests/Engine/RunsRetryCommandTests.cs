using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.Cli.Tests.Engine;

/// <summary>
/// <c>orchestrator runs retry</c> on the default sqlite backend, as a user types it (docs/running-workflows.md#retry-a-failed-run):
/// a run of a real executable plugin that failed at its third phase is retried and completes without running the
/// first two again; what it refuses.
/// </summary>
public sealed partial class RunsRetryCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();
    private readonly string _plugins;
    private readonly string _journal;

    public RunsRetryCommandTests()
    {
        _plugins = _sandbox.Sub("plugins");
        _journal = Path.Combine(_sandbox.Root, "journal.log");
        JournalPlugin.Write(_plugins, _journal);

        // The journal is outside the workspaces, which the sandbox would not let the plugin write.
        _sandbox.Environment = _sandbox.Environment.Add("ORCHESTRATOR_PLUGINS__SANDBOX", "off");
    }

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Retry_FailedAtPhaseThree_RunsThreeToFiveWithTheOverrideAndShowsTheLineage()
    {
        var failed = await RunAsync("run", JournalPlugin.Name, "--run-id", "five-1");

        var retry = await RunAsync("runs", "retry", "five-1", "--config", "pass=true");
        var original = await RunAsync("runs", "show", "five-1");
        var shown = await RunAsync("runs", "show", "five-1-retry1", "--json");

        failed.ExitCode.ShouldBe(1, failed.ToString());
        retry.ExitCode.ShouldBe(0, retry.ToString());
        retry.Output.ShouldContain("run five-1-retry1 started (a retry of five-1)");
        retry.Output.ShouldContain("one: taken over from run five-1, not run again");
        retry.Output.ShouldContain("two: taken over from run five-1, not run again");
        retry.Output.ShouldContain("three: attempt 1/1 started");
        retry.Output.ShouldContain("run five-1-retry1: completed");
        JournalPlugin.Lines(_journal, "five-1").ShouldBe(["one -", "two -", "three -"]);
        JournalPlugin.Lines(_journal, "five-1-retry1").ShouldBe(["three pass", "four pass", "five pass"]);
        original.Output.ShouldContain("retried by: five-1-retry1");
        var record = JsonDocument.Parse(shown.Output).RootElement;
        record.GetProperty("retry_of").GetString().ShouldBe("five-1");
        record.GetProperty("output").GetProperty("shared_data").GetProperty("phase_outputs").GetProperty("two").GetProperty("ran_in").GetString().ShouldBe("five-1");
    }

    [Fact]
    public async Task Retry_FromTwoWithJson_PrintsOnlyTheFinishedRecord()
    {
        await RunAsync("run", JournalPlugin.Name, "--run-id", "five-2");

        var retry = await RunAsync("runs", "retry", "five-2", "--from", "two", "--config", "pass=true", "--json");

        retry.ExitCode.ShouldBe(0, retry.ToString());
        var record = JsonDocument.Parse(retry.Output).RootElement;
        record.GetProperty("run_id").GetString().ShouldBe("five-2-retry1");
        record.GetProperty("status").GetString().ShouldBe("completed");
        JournalPlugin.Lines(_journal, "five-2-retry1").ShouldBe(["two pass", "three pass", "four pass", "five pass"]);
    }

    [Fact]
    public async Task Retry_CompletedRun_ExitsOneSayingOnlyFailedOrTerminatedRunsCanBe()
    {
        await RunAsync("run", JournalPlugin.Name, "--run-id", "five-ok", "--config", "pass=true");

        var retry = await RunAsync("runs", "retry", "five-ok");

        retry.ExitCode.ShouldBe(1, retry.ToString());
        retry.Error.ShouldContain("cannot retry run 'five-ok': it is completed; only failed or terminated runs can be retried");
    }

    [Fact]
    public async Task Retry_BadFromOrConfig_UsageErrorWithEveryProblem()
    {
        await RunAsync("run", JournalPlugin.Name, "--run-id", "five-3");

        var later = await RunAsync("runs", "retry", "five-3", "--from", "four");
        var schema = await RunAsync("runs", "retry", "five-3", "--config", "pass=yes");
        var pair = await RunAsync("runs", "retry", "five-3", "--config", "broken");

        later.ExitCode.ShouldBe(2, later.ToString());
        later.Error.ShouldContain("from: phase 'four' comes after 'three', where run 'five-3' stopped; a retry starts at a phase at or before it: one, two, three");
        schema.ExitCode.ShouldBe(2, schema.ToString());
        schema.Error.ShouldContain("(config_schema of plugin 'five')");
        pair.ExitCode.ShouldBe(2, pair.ToString());
        pair.Error.ShouldContain("--config 'broken' is not key=value");
        JournalPlugin.Lines(_journal, "five-3-retry1").ShouldBeEmpty();
    }

    [Fact]
    public async Task Retry_UnknownRunOrMemoryBackend_Refused()
    {
        var unknown = await RunAsync("runs", "retry", "nothing-here", "--database", "empty.db");
        var memory = await RunAsync("runs", "retry", "five-1", "--backend", "memory");

        unknown.ExitCode.ShouldBe(1, unknown.ToString());
        unknown.Error.ShouldContain("no run 'nothing-here' exists (it may have been purged)");
        memory.ExitCode.ShouldBe(2, memory.ToString());
        memory.Error.ShouldContain("retry needs a durable backend: the memory backend keeps a run only inside the process that ran it");
    }

    [Fact]
    public async Task DocsExample_RetryAfterAFailureAtThree_PrintsWhatThePageShows()
    {
        const string Prompt = "$ orchestrator ";
        var failed = await RunAsync("run", JournalPlugin.Name, "--run-id", "five-1");
        failed.ExitCode.ShouldBe(1, failed.ToString());
        var block = DocPages.CodeBlockAfter("running-workflows.md", "<!-- retry-example -->").TrimEnd().Split('\n');
        var commands = block.Index().Where(l => l.Item.StartsWith(Prompt, StringComparison.Ordinal)).Select(l => l.Index).ToList();
        commands.Count.ShouldBe(2);

        foreach (var (index, start) in commands.Index())
        {
            var end = index + 1 < commands.Count ? commands[index + 1] : block.Length;
            var result = await RunAsync(block[start][Prompt.Length..].Split(' '));

            result.ExitCode.ShouldBe(0, result.ToString());
            Normalized(result.Output.TrimEnd().Split('\n')).ShouldBe(Normalized(block[(start + 1)..end]), result.ToString());
        }
    }

    // Times of day and durations differ from one run to the next, and durations change the columns' widths; the
    // plugin's content hash covers its script, which names this test's temporary journal.
    private static string[] Normalized(IEnumerable<string> lines) =>
        [.. lines.Select(l => Spaces().Replace(Duration().Replace(ContentHash().Replace(TimeOfDay().Replace(l.TrimEnd(), string.Empty), "(content …)"), "…"), " "))];

    [GeneratedRegex("\\(content [0-9a-f]{12}\\)")]
    private static partial Regex ContentHash();

    [GeneratedRegex("^[0-9]{2}:[0-9]{2}:[0-9]{2} ")]
    private static partial Regex TimeOfDay();

    [GeneratedRegex("\\b[0-9]+(?:ms|s|m|h)(?:[0-9]+(?:ms|s|m))*\\b")]
    private static partial Regex Duration();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();

    private Task<CliResult> RunAsync(params string[] arguments) => _sandbox.RunAsync([.. arguments, "--plugins", _plugins]);
}
