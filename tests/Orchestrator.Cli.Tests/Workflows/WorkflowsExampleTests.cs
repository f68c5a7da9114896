namespace Orchestrator.Cli.Tests.Workflows;

/// <summary>The <c>orchestrator workflows</c> session in docs/cli.md#workflows, run against the repository's own workflows and plugins.</summary>
public sealed class WorkflowsExampleTests : IDisposable
{
    private const string Prompt = "$ orchestrator ";
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task DocsExample_EachCommand_PrintsWhatThePageShows()
    {
        var workflows = _sandbox.CopyRepositoryWorkflows();

        var broken = Path.Combine(_sandbox.Sub("tmp"), "broken.yaml");
        await File.WriteAllTextAsync(broken, "name: Tide Tables\nplugin: code@^1.0\nretention: soon\nconfg: {}\n", TestContext.Current.CancellationToken);
        var sessions = DocPages.CodeBlockAfter("cli.md", "<!-- workflows-example -->").Split(Prompt, StringSplitOptions.RemoveEmptyEntries);
        sessions.Length.ShouldBe(3);

        foreach (var session in sessions)
        {
            var lines = session.TrimEnd().Split('\n');
            string[] arguments = [.. lines[0].Split(' ').Select(a => a switch
            {
                "plugins" when lines[0].Contains("--plugins plugins", StringComparison.Ordinal) => Path.Combine(RepoPaths.Root, "plugins"),
                "/tmp/broken.yaml" => broken,
                _ => a,
            })];

            var result = await _sandbox.RunAsync(arguments);

            var shown = result.Output.TrimEnd().Replace(workflows + Path.DirectorySeparatorChar, "…/workflows/", StringComparison.Ordinal).Replace(broken, "/tmp/broken.yaml", StringComparison.Ordinal);
            shown.ReplaceLineEndings("\n").ShouldBe(string.Join('\n', lines.Skip(1)), $"orchestrator {lines[0]}{Environment.NewLine}{result}");
        }
    }
}
