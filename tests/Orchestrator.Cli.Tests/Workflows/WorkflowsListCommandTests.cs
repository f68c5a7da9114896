using System.Text.Json;

namespace Orchestrator.Cli.Tests.Workflows;

public sealed class WorkflowsListCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task List_WorkflowsInTheCurrentDirectory_TableSortedByNameExit0()
    {
        var dir = Path.Combine(_sandbox.Current, "workflows");
        WorkflowFiles.Write(dir, "zeta", plugin: "docs@^1.0");
        WorkflowFiles.Write(dir, "alpha");

        var result = await _sandbox.RunAsync("workflows", "list");

        result.ExitCode.ShouldBe(0, result.ToString());
        var lines = result.Output.TrimEnd().Split('\n');
        lines.Length.ShouldBe(3);
        lines[0].ShouldBe("NAME   VERSION  PLUGINS    PATH");
        lines[1].ShouldBe($"alpha  1.0.0    story      {Path.Combine(dir, "alpha.yaml")}");
        lines[2].ShouldBe($"zeta   1.0.0    docs@^1.0  {Path.Combine(dir, "zeta.yaml")}");
    }

    [Fact]
    public async Task List_NoWorkflows_SaysWhereItSearched()
    {
        var mine = _sandbox.Sub("mine");

        var result = await _sandbox.RunAsync("workflows", "list", "--workflows", mine);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("No workflows found. Searched, highest precedence first");
        var searched = result.Output.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        searched.ShouldBe([
            mine,
            Path.Combine(_sandbox.Current, "workflows"),
            Path.Combine(_sandbox.Home, ".config", "orchestrator", "workflows"),
            Path.Combine(_sandbox.Home, ".local", "share", "orchestrator", "workflows"),
        ]);
    }

    [Fact]
    public async Task List_SameNameInTwoSearchPaths_HigherOneWinsAndTheOtherIsShadowed()
    {
        var explicitDir = _sandbox.Sub("mine");
        var winner = WorkflowFiles.Write(explicitDir, "story-time", version: "2.0.0");
        var development = WorkflowFiles.Write(Path.Combine(_sandbox.Current, "workflows"), "story-time", version: "1.5.0");
        var userConfig = WorkflowFiles.Write(Path.Combine(_sandbox.Home, ".config", "orchestrator", "workflows"), "story-time", version: "1.0.0");

        var plain = await _sandbox.RunAsync("workflows", "list", "--workflows", explicitDir);
        var all = await _sandbox.RunAsync("workflows", "list", "--workflows", explicitDir, "--all");

        plain.ExitCode.ShouldBe(0, plain.ToString());
        plain.Output.ShouldContain(winner);
        plain.Output.ShouldNotContain(development);
        plain.Output.ShouldNotContain("shadowed");
        all.Output.ShouldContain($"2.0.0    story    loaded    {winner}");
        all.Output.ShouldContain($"1.5.0    story    shadowed  {development}");
        all.Output.ShouldContain($"1.0.0    story    shadowed  {userConfig}");
        all.Output.ShouldContain($"{development}: warning: name: workflow 'story-time' is shadowed by {winner}");
    }

    [Fact]
    public async Task List_InvalidFile_LeftOutButShownWithAllWithEveryProblem()
    {
        var dir = Path.Combine(_sandbox.Current, "workflows");
        WorkflowFiles.Write(dir, "good");
        var broken = WorkflowFiles.WriteBroken(dir);

        var plain = await _sandbox.RunAsync("workflows", "list");
        var all = await _sandbox.RunAsync("workflows", "list", "--all");

        plain.ExitCode.ShouldBe(0, plain.ToString());
        plain.Output.ShouldNotContain(broken);
        all.ExitCode.ShouldBe(0, all.ToString());
        all.Output.ShouldContain($"-     -        -        invalid  {broken}");
        all.Output.ShouldContain($"{broken}:1: error: name: ");
        all.Output.ShouldContain($"{broken}:3: error: retention: ");
        all.Output.ShouldContain($"{broken}:4: warning: stepz: ");
    }

    [Fact]
    public async Task List_SameNameTwiceInOneDirectory_IsAnError()
    {
        var dir = Path.Combine(_sandbox.Current, "workflows");
        WorkflowFiles.Write(dir, "twin", fileName: "a.yaml");
        var second = WorkflowFiles.Write(dir, "twin", fileName: "b.yaml");

        var result = await _sandbox.RunAsync("workflows", "list", "--all");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain($"{second}: error: name: workflow 'twin' is also defined in");
    }

    [Fact]
    public async Task List_Json_StableShapeWithStatusAndProblems()
    {
        var dir = Path.Combine(_sandbox.Current, "workflows");
        WorkflowFiles.Write(dir, "good", plugin: "story@^1.0");
        var broken = WorkflowFiles.WriteBroken(dir);

        var result = await _sandbox.RunAsync("workflows", "list", "--all", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["workflows", "problems"]);
        var workflow = json.RootElement.GetProperty("workflows").EnumerateArray().ShouldHaveSingleItem();
        workflow.EnumerateObject().Select(p => p.Name).ShouldBe(["name", "description", "version", "plugins", "retention_seconds", "path", "status"]);
        workflow.GetProperty("plugins").EnumerateArray().Select(p => p.GetString()).ShouldBe(["story@^1.0"]);
        workflow.GetProperty("status").GetString().ShouldBe("loaded");
        var problems = json.RootElement.GetProperty("problems").EnumerateArray().ToList();
        problems.Count.ShouldBe(3);
        problems[0].GetProperty("file").GetString().ShouldBe(broken);
        problems[0].GetProperty("line").GetInt32().ShouldBe(1);
        problems[0].GetProperty("severity").GetString().ShouldBe("error");
    }
}
