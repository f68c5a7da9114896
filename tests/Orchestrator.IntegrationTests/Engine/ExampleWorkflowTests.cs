
namespace Orchestrator.IntegrationTests.Engine;

/// <summary>
/// Every workflow in workflows/ runs to completion as written, the way a user runs it from a clone: `orchestrator run
/// NAME --auto-approve` started in the repository root, finding ./plugins and ./workflows there.
/// </summary>
public sealed class ExampleWorkflowTests : IDisposable
{
    private readonly TempDirectory _root = new("orch-examples-");

    public void Dispose() => _root.Dispose();

    public static TheoryData<string> Workflows() =>
        [.. Directory.GetFiles(Path.Combine(RepoPaths.Root, "workflows"), "*.yaml").Select(file => Path.GetFileNameWithoutExtension(file)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Workflows_TheRepositoryShipsTheExamples()
    {
        Workflows().Select(row => row.Data).ShouldBe(["code-feature", "docs-guide", "feature-with-docs", "short-story"]);
    }

    /// <summary>A file each known example leaves in its workspace, and text it must hold (docs-guide documents the checkout's src/Orchestrator.Abstractions; feature-with-docs the project its code step generated, not the checkout's src).</summary>
    private static readonly Dictionary<string, (string File, string Contains)> Expected = new(StringComparer.Ordinal)
    {
        ["short-story"] = ("manuscript.md", "# "),
        ["code-feature"] = ("change.patch", "tide_tables"),
        ["docs-guide"] = ("inventory.md", "`Phases/PhaseRequest.cs`"),
        ["feature-with-docs"] = ("inventory.md", "`tide_tables/parse_tables.py`"),
    };

    [Theory]
    [MemberData(nameof(Workflows))]
    public async Task Run_ExampleWorkflowAsWritten_Completes(string workflow)
    {
        var (exitCode, output) = await RunAsync(["run", workflow, "--auto-approve"]);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("completed");
        output.ShouldNotContain("attempt 2/");
        var workspace = Directory.GetDirectories(Path.Combine(_root.Path, "data", "runs")).ShouldHaveSingleItem();
        if (Expected.TryGetValue(workflow, out var expected))
        {
            File.ReadAllText(Path.Combine(workspace, expected.File)).ShouldContain(expected.Contains);
        }
    }

    [Fact]
    public async Task Run_DocsWithoutASource_ExitsTwoListingTheProblemAndStartsNothing()
    {
        var (exitCode, output) = await RunAsync(["run", "docs"]);

        exitCode.ShouldBe(2, output);
        output.ShouldContain("input_schema of phase 'collect' of plugin 'docs'");
        output.ShouldContain("\"source\"");
        Directory.Exists(Path.Combine(_root.Path, "data", "runs")).ShouldBeFalse();
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["ORCHESTRATOR_DATA_DIR"] = Path.Combine(_root.Path, "data"),
            ["XDG_CONFIG_HOME"] = Path.Combine(_root.Path, "config"),
            ["XDG_DATA_HOME"] = Path.Combine(_root.Path, "xdg"),
        };
        await using var process = ChildProcess.StartDotnet(RepoPaths.CliDll, arguments, environment, workingDirectory: RepoPaths.Root);
        (await process.WaitForExitAsync(TimeSpan.FromMinutes(3))).ShouldBeTrue($"orchestrator {string.Join(' ', arguments)} did not exit:{Environment.NewLine}{process.Output}");
        return (process.ExitCode, process.Output);
    }
}
