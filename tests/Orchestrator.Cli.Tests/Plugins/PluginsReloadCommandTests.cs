using System.Text.Json;

namespace Orchestrator.Cli.Tests.Plugins;

/// <summary><c>plugins reload</c>: what changed since the previous reload, and its exit codes.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PluginsReloadCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();
    private readonly string _plugins;

    public PluginsReloadCommandTests()
    {
        _sandbox.Environment = _sandbox.Environment.Add("PATH", Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
        _plugins = _sandbox.Sub("plugins");
    }

    public void Dispose() => _sandbox.Dispose();

    private void WriteScript(string name, string version = "1.0.0", string validate = "exit 0")
    {
        var directory = _sandbox.Sub("plugins", name);
        File.WriteAllText(
            Path.Combine(directory, "plugin.yaml"),
            $"name: {name}\nversion: {version}\ntype: external\nbinary: true\nentry_point: run.sh\ndomains: [code]\nphases:\n  - name: go\n    order: 1\n");
        var script = Path.Combine(directory, "run.sh");
        File.WriteAllText(
            script,
            $"#!/bin/sh\ncase \"$1\" in\n  info) echo '{{\"name\":\"{name}\",\"version\":\"{version}\",\"protocol\":1,\"phases\":[\"go\"]}}' ;;\n  validate) {validate} ;;\n  *) echo '{{\"output\":null}}' ;;\nesac\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task Reload_AddedUpdatedRemoved_PrintsEachChange()
    {
        WriteScript("alpha");
        WriteScript("beta");
        var first = await _sandbox.RunAsync("plugins", "reload", "--plugins", _plugins);

        WriteScript("alpha", "1.1.0");
        Directory.Delete(Path.Combine(_plugins, "beta"), recursive: true);
        WriteScript("gamma");
        var second = await _sandbox.RunAsync("plugins", "reload", "--plugins", _plugins);
        var third = await _sandbox.RunAsync("plugins", "reload", "--plugins", _plugins);

        first.ExitCode.ShouldBe(0, first.ToString());
        first.Output.ShouldContain("2 plugins loaded: 2 added, 0 updated, 0 removed.");
        second.ExitCode.ShouldBe(0, second.ToString());
        second.Output.ShouldContain("2 plugins loaded: 1 added, 1 updated, 1 removed.");
        second.Output.ShouldContain("added    gamma@1.0.0");
        second.Output.ShouldMatch(@"(?s).*updated  alpha@1\.0\.0 \([0-9a-f]{12}\) -> 1\.1\.0 \([0-9a-f]{12}\).*");
        second.Output.ShouldContain("removed  beta@1.0.0");
        third.Output.ShouldContain("0 added, 0 updated, 0 removed.");
    }

    [Fact]
    public async Task Reload_ValidateFails_Exit1WithStderrInJson()
    {
        WriteScript("needy", validate: "echo 'needs pandoc' >&2; exit 1");

        var result = await _sandbox.RunAsync("plugins", "reload", "--plugins", _plugins, "--json");

        result.ExitCode.ShouldBe(1, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var problem = json.RootElement.GetProperty("problems").EnumerateArray().ShouldHaveSingleItem();
        problem.GetProperty("kind").GetString().ShouldBe("load_failed");
        problem.GetProperty("message").GetString()!.ShouldContain("needs pandoc");
        json.RootElement.GetProperty("loaded").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Reload_ShadowedCopy_HiddenUnlessAll()
    {
        WriteScript("alpha");
        var other = _sandbox.Sub("other");
        Directory.CreateDirectory(Path.Combine(other, "alpha"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_plugins, "alpha")))
        {
            File.Copy(file, Path.Combine(other, "alpha", Path.GetFileName(file)));
        }

        var plain = await _sandbox.RunAsync("plugins", "reload", "--plugins", _plugins, "--plugins", other);
        var all = await _sandbox.RunAsync("plugins", "reload", "--plugins", _plugins, "--plugins", other, "--all");

        plain.ExitCode.ShouldBe(0, plain.ToString());
        plain.Output.ShouldNotContain("shadowed");
        all.ExitCode.ShouldBe(0, all.ToString());
        all.Output.ShouldContain("shadowed");
    }
}
