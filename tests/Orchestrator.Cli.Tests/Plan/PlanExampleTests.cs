using System.Text.RegularExpressions;

namespace Orchestrator.Cli.Tests.Plan;

/// <summary>The <c>orchestrator plan</c> example in docs/running-workflows.md#plan-a-run-before-starting-it, run against the repository's own workflows and plugins.</summary>
public sealed partial class PlanExampleTests : IDisposable
{
    private const string Prompt = "$ orchestrator ";
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task DocsExample_PlanOfCodeFeature_PrintsWhatThePageShows()
    {
        _sandbox.CopyRepositoryWorkflows();

        var lines = DocPages.CodeBlockAfter("running-workflows.md", "<!-- plan-example -->").TrimEnd().Split('\n');
        lines[0].ShouldStartWith(Prompt);
        string[] arguments = [.. lines[0][Prompt.Length..].Split(' ').Select(a => a == "plugins" ? Path.Combine(RepoPaths.Root, "plugins") : a)];

        var result = await _sandbox.RunAsync(arguments);

        result.ExitCode.ShouldBe(0, result.ToString());
        var shown = ContentHash().Replace(result.Output.TrimEnd(), "(content …)").ReplaceLineEndings("\n");
        shown.ShouldBe(string.Join('\n', lines.Skip(1)), result.ToString());
    }

    [GeneratedRegex("\\(content [0-9a-f]{64}\\)")]
    private static partial Regex ContentHash();
}
