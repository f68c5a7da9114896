using System.Text.Json;

namespace Orchestrator.Cli.Tests.Plugins;

public sealed class PluginsGraphCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private string WriteGraph()
    {
        var dir = _sandbox.Sub("mine");
        Manifests.Write(dir, "app", dependencies: ["lib@^1.0", "util"]);
        Manifests.Write(dir, "lib", version: "1.3.0", dependencies: ["util"]);
        Manifests.Write(dir, "util");
        Manifests.Write(dir, "a", dependencies: ["b@^1.0"]);
        Manifests.Write(dir, "b", dependencies: ["c@^2.0"]);
        Manifests.Write(dir, "c", version: "1.4.0");
        return dir;
    }

    [Fact]
    public async Task Graph_Text_EdgesLoadOrderAndRejectedChains()
    {
        var dir = WriteGraph();

        var result = await _sandbox.RunAsync("plugins", "graph", "--plugins", dir);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("  app 1.0.0\n    -> lib@^1.0 (1.3.0)\n    -> util (1.0.0)\n");
        result.Output.ShouldContain("  b 1.0.0 [unsatisfied_dependency]\n    -> c@^2.0 (found 1.4.0, unsatisfied)\n");
        result.Output.ShouldContain("Load order:\n  1. c 1.4.0\n  2. util 1.0.0\n  3. lib 1.3.0\n  4. app 1.0.0\n");
        result.Output.ShouldContain("  a: b requires c@^2.0 (found 1.4.0) ← required by a");
    }

    [Fact]
    public async Task Graph_Json_NodesEdgesLoadOrderRejected()
    {
        var dir = WriteGraph();

        var result = await _sandbox.RunAsync("plugins", "graph", "--plugins", dir, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["nodes", "edges", "load_order", "rejected"]);
        root.GetProperty("load_order").EnumerateArray().Select(e => e.GetString()).ShouldBe(["c", "util", "lib", "app"]);
        root.GetProperty("nodes").GetArrayLength().ShouldBe(6);
        var edge = root.GetProperty("edges").EnumerateArray().Single(e => e.GetProperty("from").GetString() == "b");
        edge.GetProperty("to").GetString().ShouldBe("c");
        edge.GetProperty("range").GetString().ShouldBe("^2.0");
        edge.GetProperty("found_version").GetString().ShouldBe("1.4.0");
        edge.GetProperty("satisfied").GetBoolean().ShouldBeFalse();
        root.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("plugin").GetString()).ShouldBe(["a", "b"]);
    }
}
