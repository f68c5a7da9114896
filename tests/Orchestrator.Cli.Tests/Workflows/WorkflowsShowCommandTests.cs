using System.Text.Json;

namespace Orchestrator.Cli.Tests.Workflows;

public sealed class WorkflowsShowCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Show_WorkflowWithSteps_FieldsAndEachStepWithThePluginFound()
    {
        var plugins = _sandbox.Sub("plugins");
        Manifests.Write(plugins, "story", version: "1.4.0");
        Manifests.Write(plugins, "old", version: "1.0.0");
        var file = Path.Combine(_sandbox.Current, "workflows", "saga.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, """
            name: saga
            description: Three steps.
            retention: 72h
            input: {title: Tides}
            input_schema: {type: object, required: [title]}
            schedule: {cron: "0 3 * * *", timezone: Europe/Paris, overlap: buffer_one, auto_approve: true}
            steps:
              - plugin: story@^1.2
                config: {words: 900}
              - old@^2.0
              - plugin: nowhere
                input: {source: src}
            """, TestContext.Current.CancellationToken);

        var result = await _sandbox.RunAsync("workflows", "show", "saga", "--plugins", plugins);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("name         saga");
        result.Output.ShouldContain("description  Three steps.");
        result.Output.ShouldContain("version      -");
        result.Output.ShouldContain("retention    72h");
        result.Output.ShouldContain("input        {\"title\":\"Tides\"}");
        result.Output.ShouldContain($"Input schema (a run's input must meet it before the run is scheduled):{Environment.NewLine}  {{\"type\":\"object\",\"required\":[\"title\"]}}");
        result.Output.ShouldContain("schedule     0 3 * * * (Europe/Paris; overlap buffer_one, catchup latest, auto_approve)");
        result.Output.ShouldContain($"path         {file}");
        result.Output.ShouldContain("  STEP  PLUGIN   RANGE  FOUND                     CONFIG         INPUT");
        result.Output.ShouldContain("  1     story    ^1.2   1.4.0                     {\"words\":900}  -");
        result.Output.ShouldContain("  2     old      ^2.0   1.0.0, outside the range  -              -");
        result.Output.ShouldContain("  3     nowhere  *      not found                 -              {\"source\":\"src\"}");
    }

    [Fact]
    public async Task Show_Json_EveryFieldAndTheStepStatuses()
    {
        var plugins = _sandbox.Sub("plugins");
        Manifests.Write(plugins, "story");
        var dir = Path.Combine(_sandbox.Current, "workflows");
        WorkflowFiles.Write(dir, "tale", plugin: "story@^1.0");

        var result = await _sandbox.RunAsync("workflows", "show", "tale", "--plugins", plugins, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["name", "description", "version", "retention_seconds", "input", "input_schema", "schedule", "steps", "path", "shadowed", "problems"]);
        json.RootElement.GetProperty("input_schema").ValueKind.ShouldBe(JsonValueKind.Null);
        json.RootElement.GetProperty("schedule").ValueKind.ShouldBe(JsonValueKind.Null);
        var step = json.RootElement.GetProperty("steps").EnumerateArray().ShouldHaveSingleItem();
        step.EnumerateObject().Select(p => p.Name).ShouldBe(["plugin", "range", "config", "input", "found_version", "status"]);
        step.GetProperty("found_version").GetString().ShouldBe("1.0.0");
        step.GetProperty("status").GetString().ShouldBe("loaded");
    }

    [Fact]
    public async Task Show_JsonOfAScheduledWorkflow_TheScheduleWithItsDefaults()
    {
        var plugins = _sandbox.Sub("plugins");
        Manifests.Write(plugins, "story");
        var dir = Path.Combine(_sandbox.Current, "workflows");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "nightly.yaml"), "name: nightly\nplugin: story\nschedule: \"*/10 * * * * *\"\n", TestContext.Current.CancellationToken);

        var result = await _sandbox.RunAsync("workflows", "show", "nightly", "--plugins", plugins, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var schedule = json.RootElement.GetProperty("schedule");
        schedule.GetProperty("cron").GetString().ShouldBe("*/10 * * * * *");
        schedule.GetProperty("overlap").GetString().ShouldBe("skip");
        schedule.GetProperty("catchup").GetString().ShouldBe("latest");
        schedule.GetProperty("auto_approve").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Show_ShadowedCopyAndUnknownKey_ListedUnderTheFields()
    {
        var mine = _sandbox.Sub("mine");
        var winner = Path.Combine(mine, "tale.yaml");
        await File.WriteAllTextAsync(winner, "name: tale\nplugin: story\ncolour: blue\n", TestContext.Current.CancellationToken);
        var shadowed = WorkflowFiles.Write(Path.Combine(_sandbox.Current, "workflows"), "tale");

        var result = await _sandbox.RunAsync("workflows", "show", "tale", "--workflows", mine);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain($"Shadows (not used):{Environment.NewLine}  {shadowed}");
        result.Output.ShouldContain($"Warnings:{Environment.NewLine}  {winner}:3: warning: colour: ");
    }

    [Fact]
    public async Task Show_UnknownName_Exit1SayingHowToSeeWhatIsThere()
    {
        WorkflowFiles.Write(Path.Combine(_sandbox.Current, "workflows"), "tale");

        var result = await _sandbox.RunAsync("workflows", "show", "nope");

        result.ExitCode.ShouldBe(OrchestratorCli.Failure, result.ToString());
        result.Error.ShouldBe($"error: no workflow named 'nope' was found; run 'orchestrator workflows list --all' to see what the search paths hold.{Environment.NewLine}");
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Show_NameOfAnInvalidFile_NotFound()
    {
        var broken = Path.Combine(_sandbox.Current, "workflows", "half.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        await File.WriteAllTextAsync(broken, "name: half\n", TestContext.Current.CancellationToken);

        var result = await _sandbox.RunAsync("workflows", "show", "half");

        result.ExitCode.ShouldBe(OrchestratorCli.Failure, result.ToString());
        result.Error.ShouldContain("no workflow named 'half'");
    }

    [Fact]
    public async Task Show_NoName_UsageError()
    {
        var result = await _sandbox.RunAsync("workflows", "show");

        result.ExitCode.ShouldBe(OrchestratorCli.UsageError, result.ToString());
        result.Error.ShouldContain("NAME");
    }
}
