using System.Text.Json;

namespace Orchestrator.Cli.Tests.Plugins;

public sealed class PluginsInfoCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Info_KnownPlugin_PrintsFieldsAndPhasesTable()
    {
        var dir = _sandbox.Sub("mine");
        Manifests.Write(dir, "base", version: "1.5.0");
        var path = Manifests.Write(dir, "story", dependencies: ["base@^1.2"]);

        var result = await _sandbox.RunAsync("plugins", "info", "story", "--plugins", dir);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("name             story");
        result.Output.ShouldContain("status           loaded");
        result.Output.ShouldContain("dependencies     base@^1.2 (1.5.0)");
        result.Output.ShouldContain($"path             {path}");
        result.Output.ShouldContain($"source           explicit ({dir})");
        result.Output.ShouldContain("ORDER  NAME   REQUIRED  PARALLEL  APPROVAL  RETRIES  TIMEOUT  ESTIMATE  PROMPT  DESCRIPTION");
        result.Output.ShouldContain("1      plan   yes       no        no        -        1h30m");
        result.Output.ShouldContain("2      write  yes       no        yes");
    }

    [Fact]
    public async Task Info_UnknownPlugin_Exit1WithClearMessage()
    {
        var result = await _sandbox.RunAsync("plugins", "info", "ghost");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("no plugin named 'ghost'");
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Info_NoName_UsageErrorExit2()
    {
        (await _sandbox.RunAsync("plugins", "info")).ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Info_RejectedPlugin_ShownWithReason()
    {
        var dir = _sandbox.Sub("mine");
        Manifests.Write(dir, "future", minVersion: "3.0.0");

        var result = await _sandbox.RunAsync("plugins", "info", "future", "--plugins", dir);

        result.ExitCode.ShouldBe(0);
        result.Output.ShouldContain("status           incompatible: future 1.0.0 requires Orchestrator >= 3.0.0 (min_version), but this is Orchestrator 0.1.0");
    }

    [Fact]
    public async Task Info_Json_EveryManifestFieldPresent()
    {
        var dir = _sandbox.Sub("mine");
        Manifests.Write(dir, "story");

        var result = await _sandbox.RunAsync("plugins", "info", "story", "--plugins", dir, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(
        [
            "name", "version", "content_hash", "description", "author", "license", "homepage", "repository", "tags", "created", "updated",
            "type", "min_version", "max_version", "dependencies", "domains", "phases", "prompts", "output_spec",
            "resource_spec", "config_schema", "default_config", "required_config", "entry_point", "binary", "language",
            "path", "manifest_path", "source", "search_path", "status", "reason", "warnings",
        ]);
        root.GetProperty("author").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("source").GetString().ShouldBe("explicit");
        var phase = root.GetProperty("phases")[0];
        phase.EnumerateObject().Select(p => p.Name).ShouldBe(
        [
            "name", "description", "order", "required", "parallel", "estimated_time_seconds", "timeout_seconds", "retryable", "max_retries",
            "retry_interval_seconds", "input_schema", "output_schema", "config_overrides", "approval", "prompt",
        ]);
        phase.GetProperty("timeout_seconds").GetDouble().ShouldBe(5400);
        phase.GetProperty("retry_interval_seconds").GetDouble().ShouldBe(1);
        root.GetProperty("phases")[1].GetProperty("approval").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Info_ShippedFictionPlugin_ShowsPromptsParallelOptionalAndApprovalPhases()
    {
        var plugins = Path.Combine(RepoPaths.Root, "plugins");

        var result = await _sandbox.RunAsync("plugins", "info", "fiction", "--plugins", plugins, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var phases = json.RootElement.GetProperty("phases").EnumerateArray().ToList();
        phases.Count(p => p.GetProperty("order").GetInt32() == 2 && p.GetProperty("parallel").GetBoolean()).ShouldBe(2);
        phases.ShouldContain(p => !p.GetProperty("required").GetBoolean());
        phases.ShouldContain(p => p.GetProperty("approval").GetBoolean());
        phases[0].GetProperty("prompt").GetString().ShouldBe("prompts/premise.md");
        json.RootElement.GetProperty("default_config").GetProperty("genre").GetString().ShouldBe("literary");
        json.RootElement.GetProperty("default_config").EnumerateObject().Select(p => p.Name).ShouldBe(["genre", "target_words", "temperature", "tone"]);
        json.RootElement.GetProperty("output_spec").GetProperty("primary_output").GetString().ShouldBe("manuscript.md");
    }
}
