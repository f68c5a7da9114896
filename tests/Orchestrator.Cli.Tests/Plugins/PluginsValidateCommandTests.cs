using System.Text.Json;

namespace Orchestrator.Cli.Tests.Plugins;

public sealed class PluginsValidateCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Validate_ValidDirectoryAndManifestFile_Exit0()
    {
        var dir = _sandbox.Sub("mine");
        var one = Manifests.Write(dir, "one");
        var two = Manifests.Write(dir, "two");

        var result = await _sandbox.RunAsync("plugins", "validate", one, Path.Combine(two, "plugin.yaml"));

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain($"valid: {one} (one 1.0.0)");
        result.Output.ShouldContain("2 valid, 0 invalid");
    }

    [Fact]
    public async Task Validate_BrokenManifest_Exit1AndEveryProblemWithFileLineField()
    {
        var dir = _sandbox.Sub("mine");
        var good = Manifests.Write(dir, "good");
        var broken = Manifests.WriteBroken(dir);
        var file = Path.Combine(broken, "plugin.yaml");

        var result = await _sandbox.RunAsync("plugins", "validate", good, broken);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain($"{file}:2: error: version: ");
        result.Output.ShouldContain($"{file}:7: error: phases[0].order: ");
        result.Output.ShouldContain($"invalid: {broken} (2 errors)");
        result.Output.ShouldContain("1 valid, 1 invalid");
    }

    [Fact]
    public async Task Validate_NonExistentPath_UsageErrorExit2()
    {
        var result = await _sandbox.RunAsync("plugins", "validate", Path.Combine(_sandbox.Root, "nowhere"));

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("nowhere: no such file or directory");
    }

    [Fact]
    public async Task Validate_NoPath_UsageErrorExit2()
    {
        var result = await _sandbox.RunAsync("plugins", "validate");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("PATH");
    }

    [Fact]
    public async Task Validate_DirectoryWithoutManifest_Exit1()
    {
        var empty = _sandbox.Sub("empty");

        var result = await _sandbox.RunAsync("plugins", "validate", empty);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain("error");
    }

    [Fact]
    public async Task Validate_Json_ResultsWithProblems()
    {
        var broken = Manifests.WriteBroken(_sandbox.Sub("mine"));

        var result = await _sandbox.RunAsync("plugins", "validate", broken, "--json");

        result.ExitCode.ShouldBe(1);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["results", "valid", "invalid"]);
        var entry = json.RootElement.GetProperty("results")[0];
        entry.EnumerateObject().Select(p => p.Name).ShouldBe(["path", "valid", "name", "version", "problems"]);
        entry.GetProperty("valid").GetBoolean().ShouldBeFalse();
        entry.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()).ShouldBe(["version", "phases[0].order"]);
        json.RootElement.GetProperty("invalid").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Validate_ShippedExamplePlugins_AllValidExit0()
    {
        var plugins = Path.Combine(RepoPaths.Root, "plugins");
        var all = Directory.GetFileSystemEntries(plugins).Order(StringComparer.Ordinal).ToArray();

        var result = await _sandbox.RunAsync(["plugins", "validate", .. all]);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldNotContain("warning");
        foreach (var name in new[] { "code", "docs", "fiction" })
        {
            result.Output.ShouldContain($"valid: {Path.Combine(plugins, name)} ({name} ");
        }
    }
}
