using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.IntegrationTests.Durability;

/// <summary>
/// A user's machine in a temp directory: a home and XDG directories of its own (so the default database is this
/// one's), and a plugin <c>journal</c> whose phases each append <c>RUN PHASE start</c> and <c>RUN PHASE done</c> to a
/// journal file around a sleep. The CLI runs as real processes, tracked by PID and killed in teardown.
/// </summary>
internal sealed partial class UserMachine : IDisposable
{
    private readonly TempDirectory _root = new("orch-machine-");

    public UserMachine(int phases = 5, double phaseSeconds = 1)
    {
        Plugins = _root.Sub("plugins");
        Journal = _root.Combine("journal.log");
        var names = Enumerable.Range(1, phases).Select(i => $"p{i}").ToList();
        ScriptPlugin.Write(
            Plugins,
            "journal",
            string.Concat(names.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"  - name: {n}\n    order: {i + 1}\n"))),
            string.Join(',', names.Select(n => $"\"{n}\"")),
            string.Create(CultureInfo.InvariantCulture, $"""
                echo "$ORCHESTRATOR_RUN_ID $2 start" >> '{Journal}'
                sleep {phaseSeconds}
                echo "$ORCHESTRATOR_RUN_ID $2 done" >> '{Journal}'
                echo '{"{"}"output":"ok"{"}"}'
            """));
        Environment = new Dictionary<string, string>
        {
            ["HOME"] = _root.Sub("home"),
            ["XDG_CONFIG_HOME"] = _root.Combine("xdg-config"),
            ["XDG_DATA_HOME"] = _root.Combine("xdg-data"),
            ["XDG_DATA_DIRS"] = _root.Combine("system"),

            // The journal is one file outside every run's workspace, which the sandbox forbids
            // (docs/process-protocol.md#sandbox); what these tests check is durability, not isolation.
            ["ORCHESTRATOR_PLUGINS__SANDBOX"] = "off",
        };
    }

    public string Plugins { get; }

    public string Journal { get; }

    /// <summary>The default database of this machine's user.</summary>
    public string Database => _root.Combine("xdg-data", "orchestrator", "orchestrator.db");

    /// <summary>The environment every command of this machine gets; a test may add to it before starting one.</summary>
    public Dictionary<string, string> Environment { get; }

    /// <summary>Starts <c>orchestrator ARGS --plugins PLUGINS</c> in the machine's home, with its environment.</summary>
    public ChildProcess Start(params string[] arguments) =>
        ChildProcess.StartDotnet(RepoPaths.CliDll, [.. arguments, "--plugins", Plugins], new Dictionary<string, string>(Environment), _root.Path);

    /// <summary>
    /// Like <see cref="Start"/>, with SIGINT at its default action: a process started in the background by a shell
    /// without job control ignores SIGINT, and children inherit that (the test runner may have been started so).
    /// </summary>
    public ChildProcess StartInterruptible(params string[] arguments) =>
        InterruptIgnored()
            ? ChildProcess.Start("perl", ["-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", "dotnet", RepoPaths.CliDll, .. arguments, "--plugins", Plugins], new Dictionary<string, string>(Environment), _root.Path)
            : Start(arguments);

    /// <summary>Runs <c>orchestrator ARGS</c> to its end.</summary>
    public async Task<ProcessResult> RunAsync(TimeSpan deadline, params string[] arguments)
    {
        await using var process = Start(arguments);
        var exitCode = await process.WaitForExitCodeAsync(deadline);
        return new ProcessResult(exitCode, process.Output, process.StandardOutput, process.StandardError);
    }

    /// <summary>The journal's lines for one run, e.g. <c>p1 start</c>, <c>p1 done</c>.</summary>
    public IReadOnlyList<string> JournalOf(string runId) =>
        File.Exists(Journal)
            ? [.. File.ReadAllLines(Journal).Where(l => l.StartsWith(runId + " ", StringComparison.Ordinal)).Select(l => l[(runId.Length + 1)..])]
            : [];

    /// <summary>Waits until the run's journal has <paramref name="line"/>; fails with the process's output at the deadline.</summary>
    public Task WaitForJournalAsync(string runId, string line, ChildProcess process, TimeSpan deadline) =>
        Eventually.TrueAsync(() => JournalOf(runId).Contains(line) || process.HasExited, deadline, () => $"'{line}' of {runId} never came; output:{System.Environment.NewLine}{process.Output}");

    /// <summary>The run id a <c>run</c> prints in its <c>run ID started</c> line.</summary>
    public static async Task<string> StartedRunIdAsync(ChildProcess run) =>
        StartedLine().Match(await run.WaitForLineAsync(l => StartedLine().IsMatch(l), TimeSpan.FromSeconds(90), "the run never started")).Groups["id"].Value;

    /// <summary>The address in a <c>serve</c>'s listening line.</summary>
    public static async Task<Uri> ServeAddressAsync(ChildProcess serve) =>
        new(ListeningLine().Match(await serve.WaitForLineAsync(l => ListeningLine().IsMatch(l), TimeSpan.FromSeconds(90), "serve never listened")).Groups["url"].Value);

    public void Dispose() => _root.Dispose();

    // /proc/self/status: "SigIgn:\t<hex mask>", bit 1 (value 2) is SIGINT.
    private static bool InterruptIgnored() =>
        OperatingSystem.IsLinux()
        && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } line
        && (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 2) != 0;

    [GeneratedRegex(@"^run (?<id>\S+) started \(")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@"^Orchestrator API listening on (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
