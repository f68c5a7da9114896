using System.Text.Json;

namespace Orchestrator.Cli.Tests.Workflows;

public sealed class WorkflowsValidateCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Validate_FileAndDirectory_Exit0WithOneLinePerFile()
    {
        var dir = _sandbox.Sub("flows");
        var one = WorkflowFiles.Write(dir, "one");
        var two = Path.Combine(dir, "two.json");
        await File.WriteAllTextAsync(two, """{"name": "two", "version": "1.0.0", "plugin": "story"}""", TestContext.Current.CancellationToken);
        var single = WorkflowFiles.Write(_sandbox.Sub("single"), "three");

        var result = await _sandbox.RunAsync("workflows", "validate", dir, single);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldBe(string.Join(Environment.NewLine, [
            $"valid: {one} (one 1.0.0)",
            $"valid: {two} (two 1.0.0)",
            $"valid: {single} (three 1.0.0)",
            "3 valid, 0 invalid",
            string.Empty]));
    }

    [Fact]
    public async Task Validate_InvalidWorkflow_Exit1AndEveryProblemWithFileLineField()
    {
        var good = WorkflowFiles.Write(_sandbox.Sub("flows"), "good");
        var broken = WorkflowFiles.WriteBroken(_sandbox.Sub("flows"));

        var result = await _sandbox.RunAsync("workflows", "validate", good, broken);

        result.ExitCode.ShouldBe(OrchestratorCli.Failure, result.ToString());
        result.Output.ShouldContain($"{broken}:1: error: name: 'Not A Name' is not a valid workflow name");
        result.Output.ShouldContain($"{broken}:3: error: retention: ");
        result.Output.ShouldContain($"{broken}:4: warning: stepz: ");
        result.Output.ShouldContain($"invalid: {broken} (2 errors)");
        result.Output.ShouldContain("1 valid, 1 invalid");
    }

    [Theory]
    [InlineData("name: x\nplugin: [a\n", 3)]
    [InlineData("name: x\nname: y\nplugin: story\n", 2)]
    [InlineData("- just\n- a list\n", 1)]
    public async Task Validate_NotAWorkflowDocument_Exit1WithTheLine(string content, int line)
    {
        var file = Path.Combine(_sandbox.Sub("flows"), "odd.yaml");
        await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);

        var result = await _sandbox.RunAsync("workflows", "validate", file);

        result.ExitCode.ShouldBe(OrchestratorCli.Failure, result.ToString());
        result.Output.ShouldContain($"{file}:{line}: error: ");
    }

    [Fact]
    public async Task Validate_MissingPath_UsageErrorExit2NamingIt()
    {
        var good = WorkflowFiles.Write(_sandbox.Sub("flows"), "good");
        var missing = Path.Combine(_sandbox.Root, "nowhere.yaml");

        var result = await _sandbox.RunAsync("workflows", "validate", good, missing);

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.ToString());
        result.Error.ShouldBe($"error: {missing}: no such file or directory; give a workflow file or a directory of workflow files.{Environment.NewLine}");
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Validate_NoPath_UsageErrorExit2()
    {
        var result = await _sandbox.RunAsync("workflows", "validate");

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError);
        result.Error.ShouldContain("PATH");
    }

    [Fact]
    public async Task Validate_DirectoryWithoutWorkflowFiles_Exit1()
    {
        var empty = _sandbox.Sub("empty");
        await File.WriteAllTextAsync(Path.Combine(empty, "notes.txt"), "not a workflow", TestContext.Current.CancellationToken);

        var result = await _sandbox.RunAsync("workflows", "validate", empty);

        result.ExitCode.ShouldBe(OrchestratorCli.Failure, result.ToString());
        result.Output.ShouldContain($"{empty}: error: holds no workflow files");
    }

    [Fact]
    public async Task Validate_FileWithAnotherExtension_Exit1()
    {
        var file = Path.Combine(_sandbox.Sub("flows"), "flow.txt");
        await File.WriteAllTextAsync(file, "name: flow\nplugin: story\n", TestContext.Current.CancellationToken);

        var result = await _sandbox.RunAsync("workflows", "validate", file);

        result.ExitCode.ShouldBe(OrchestratorCli.Failure, result.ToString());
        result.Output.ShouldContain($"{file}: error: is not a workflow file");
    }

    [Fact]
    public async Task Validate_Json_SameShapeAsPluginsValidate()
    {
        var broken = WorkflowFiles.WriteBroken(_sandbox.Sub("flows"));

        var result = await _sandbox.RunAsync("workflows", "validate", broken, "--json");

        result.ExitCode.ShouldBe(OrchestratorCli.Failure);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["results", "valid", "invalid"]);
        var entry = json.RootElement.GetProperty("results").EnumerateArray().ShouldHaveSingleItem();
        entry.EnumerateObject().Select(p => p.Name).ShouldBe(["path", "valid", "name", "version", "problems"]);
        entry.GetProperty("valid").GetBoolean().ShouldBeFalse();
        entry.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("line").GetInt32()).ShouldBe([1, 3, 4]);
        json.RootElement.GetProperty("invalid").GetInt32().ShouldBe(1);
    }
}
