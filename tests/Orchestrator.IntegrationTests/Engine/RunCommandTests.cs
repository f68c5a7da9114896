
namespace Orchestrator.IntegrationTests.Engine;

/// <summary>`orchestrator run` on the repository's example workflows and real built-in plugins.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly TempDirectory _root = new("orch-run-command-");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Run_ExampleWorkflowFromTheRepository_CompletesWithProgressAndArtifacts()
    {
        var (exitCode, output) = await RunAsync(["run", "short-story", "--auto-approve"]);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("premise: done in");
        output.ShouldContain("completed");
        output.ShouldContain("manuscript.md");
        Directory.EnumerateFiles(Path.Combine(_root.Path, "data", "runs"), "manuscript.md", SearchOption.AllDirectories).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Run_AssemblyPlugin_CompletesWithItsOutputInTheRunRecord()
    {
        var input = Path.Combine(_root.Path, "input.json");
        await File.WriteAllTextAsync(input, "{\"text\": \"the tide and the tide again\"}", TestContext.Current.CancellationToken);

        var (exitCode, output) = await RunAsync(["run", "wordcount-dotnet", "--input", input, "--json"]);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("\"status\": \"completed\"");
        output.ShouldContain("\"count\":");
        output.ShouldContain("\"top\":");
    }

    [Fact]
    public async Task Run_ConfigOutsideTheSchema_ExitsTwoListingEveryProblemAndStartsNothing()
    {
        var (exitCode, output) = await RunAsync(["run", "fiction", "--config", "genre=western", "--config", "target_words=10", "--json"]);

        exitCode.ShouldBe(2, output);
        output.ShouldContain("genre");
        output.ShouldContain("target_words");
        Directory.Exists(Path.Combine(_root.Path, "data", "runs")).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_InputNotJson_ExitsTwo()
    {
        var input = Path.Combine(_root.Path, "input.json");
        await File.WriteAllTextAsync(input, "{not json", TestContext.Current.CancellationToken);

        var (exitCode, output) = await RunAsync(["run", "short-story", "--input", input]);

        exitCode.ShouldBe(2, output);
        output.ShouldContain("is not valid JSON");
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["ORCHESTRATOR_DATA_DIR"] = Path.Combine(_root.Path, "data"),
            ["XDG_CONFIG_HOME"] = Path.Combine(_root.Path, "config"),
            ["XDG_DATA_HOME"] = Path.Combine(_root.Path, "xdg"),
        };
        string[] paths = ["--plugins", Path.Combine(RepoPaths.Root, "plugins"), "--workflows", Path.Combine(RepoPaths.Root, "workflows")];
        await using var process = ChildProcess.StartDotnet(RepoPaths.CliDll, [.. arguments, .. paths], environment);
        (await process.WaitForExitAsync(TimeSpan.FromSeconds(90))).ShouldBeTrue($"orchestrator {string.Join(' ', arguments)} did not exit:{Environment.NewLine}{process.Output}");
        return (process.ExitCode, process.Output);
    }
}
