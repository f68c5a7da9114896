using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Catalog;

[Collection(ServerCollection.Name)]
public sealed class PluginEndpointTests(ServerFixture server)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_All_LoadedPluginsSortedByName()
    {
        var list = await server.Client.GetFromJsonAsync<JsonElement>("/api/plugins", _ct);

        list.GetProperty("plugins").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["burst", "echo", "gate", "strict"]);
    }

    [Fact]
    public async Task List_ByDomain_OnlyThatDomain()
    {
        var list = await server.Client.GetFromJsonAsync<JsonElement>("/api/plugins?domain=review", _ct);

        list.GetProperty("plugins").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["gate"]);
    }

    [Fact]
    public async Task Get_KnownPlugin_PhasesAndConfig()
    {
        var plugin = await server.Client.GetFromJsonAsync<JsonElement>("/api/plugins/gate", _ct);

        plugin.GetProperty("version").GetString().ShouldBe("1.0.0");
        plugin.GetProperty("type").GetString().ShouldBe("builtin");
        var review = plugin.GetProperty("phases")[0];
        review.GetProperty("name").GetString().ShouldBe("review");
        review.GetProperty("approval").GetBoolean().ShouldBeTrue();
        plugin.GetProperty("content_hash").GetString()!.Length.ShouldBe(64);
    }

    [Fact]
    public async Task Get_KnownPlugin_TheKeysOfPluginsInfoWithoutTheServerPaths()
    {
        var plugin = await server.Client.GetFromJsonAsync<JsonElement>("/api/plugins/strict", _ct);

        plugin.EnumerateObject().Select(p => p.Name).ShouldBe(
        [
            "name", "version", "content_hash", "description", "author", "license", "homepage", "repository", "tags", "created", "updated",
            "type", "min_version", "max_version", "dependencies", "domains", "phases", "prompts", "output_spec",
            "resource_spec", "config_schema", "default_config", "required_config", "entry_point", "binary", "language",
            "path", "manifest_path", "source", "search_path", "status", "reason", "warnings",
        ]);
        foreach (var local in new[] { "path", "manifest_path", "search_path", "author" })
        {
            plugin.GetProperty(local).ValueKind.ShouldBe(JsonValueKind.Null, local);
        }

        plugin.GetProperty("source").GetString().ShouldBe("explicit");
        plugin.GetProperty("status").GetString().ShouldBe("loaded");
        plugin.GetProperty("required_config").EnumerateArray().Select(c => c.GetString()).ShouldBe(["count", "mode"]);
        plugin.GetProperty("phases")[0].GetProperty("timeout_seconds").ValueKind.ShouldBe(JsonValueKind.Null);
        plugin.GetProperty("phases")[0].GetProperty("retry_interval_seconds").GetDouble().ShouldBe(1);
    }

    [Fact]
    public async Task List_AllNotABoolean_BadRequest()
    {
        using var response = await server.Client.GetAsync("/api/plugins?all=maybe", _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Reload_BrokenManifestAndAPluginWithADependency_ProblemListedWithAllAndDependencyFound()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (broken, dependent) = ("broken" + suffix, "needs" + suffix);
        server.Root.Write($"plugins/{broken}/plugin.yaml", $"name: {broken}\nversion: one\n");
        WriteScriptPlugin(dependent, "dependencies: [\"echo@^1.0\"]\n");
        try
        {
            using var reload = await server.Client.PostAsync("/api/plugins/reload", null, _ct);
            reload.StatusCode.ShouldBe(HttpStatusCode.OK);

            var all = await server.Client.GetFromJsonAsync<JsonElement>("/api/plugins?all=true", _ct);
            var loadedOnly = await server.Client.GetFromJsonAsync<JsonElement>("/api/plugins", _ct);
            var detail = await server.Client.GetFromJsonAsync<JsonElement>($"/api/plugins/{dependent}", _ct);

            var problem = all.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("path").GetString()!.EndsWith(broken, StringComparison.Ordinal));
            problem.GetProperty("kind").GetString().ShouldBe("invalid_manifest");
            problem.GetProperty("manifest_problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()).ShouldContain("version");
            // Each problem located as the CLI shows it (file:line), in the reload's answer too.
            var reloaded = (await reload.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("problems").EnumerateArray()
                .Single(p => p.GetProperty("path").GetString()!.EndsWith(broken, StringComparison.Ordinal));
            foreach (var found in new[] { problem, reloaded })
            {
                var version = found.GetProperty("manifest_problems").EnumerateArray().First(p => p.GetProperty("field").GetString() == "version");
                version.GetProperty("file").GetString()!.ShouldEndWith(Path.Combine(broken, "plugin.yaml"));
                version.GetProperty("line").GetInt32().ShouldBe(2);
            }

            loadedOnly.GetProperty("problems").GetArrayLength().ShouldBe(0);
            var dependency = detail.GetProperty("dependencies").EnumerateArray().ShouldHaveSingleItem();
            (dependency.GetProperty("name").GetString(), dependency.GetProperty("range").GetString(), dependency.GetProperty("found_version").GetString(), dependency.GetProperty("satisfied").GetBoolean())
                .ShouldBe(("echo", "^1.0", "1.0.0", true));
        }
        finally
        {
            Directory.Delete(server.Root.Combine("plugins", broken), recursive: true);
            Directory.Delete(server.Root.Combine("plugins", dependent), recursive: true);
            using var again = await server.Client.PostAsync("/api/plugins/reload", null, _ct);
            again.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Get_UnknownPlugin_NotFound()
    {
        using var response = await server.Client.GetAsync("/api/plugins/nope", _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Validate_ValidYaml_ValidWithoutErrors()
    {
        using var response = await server.Client.PostAsync(
            "/api/plugins/validate", new StringContent("name: ok-plugin\nversion: 1.2.3\ntype: builtin\ndomains: [test]\nphases:\n  - name: a\n    order: 1\n"), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        result.GetProperty("valid").GetBoolean().ShouldBeTrue(result.ToString());
        result.GetProperty("name").GetString().ShouldBe("ok-plugin");
    }

    [Fact]
    public async Task Validate_InvalidJsonManifest_EveryProblemListed()
    {
        using var response = await server.Client.PostAsync(
            "/api/plugins/validate", ServerFixture.Json("""{"name": "Bad Name", "version": "one", "type": "builtin", "phases": []}"""), _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        result.GetProperty("valid").GetBoolean().ShouldBeFalse();
        var fields = result.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("severity").GetString() == "error").Select(p => p.GetProperty("field").GetString()).ToList();
        fields.ShouldContain("name");
        fields.ShouldContain("version");
        fields.ShouldContain("phases");
    }

    [Fact]
    public async Task Validate_BrokenYaml_ProblemWithLine()
    {
        using var response = await server.Client.PostAsync("/api/plugins/validate?format=yaml", new StringContent("name: [unclosed\nversion: 1.0.0\n"), _ct);

        var result = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        result.GetProperty("valid").GetBoolean().ShouldBeFalse();
        result.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("line").ValueKind == JsonValueKind.Number).ShouldNotBeEmpty(result.ToString());
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("name: x", "toml")]
    public async Task Validate_EmptyBodyOrUnknownFormat_BadRequest(string body, string? format)
    {
        using var response = await server.Client.PostAsync(
            "/api/plugins/validate" + (format is null ? string.Empty : $"?format={format}"), new StringContent(body), _ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Reload_PluginDirectoryAddedThenRemoved_LoadedThenGone()
    {
        var name = "late" + Guid.NewGuid().ToString("N")[..8];
        WriteScriptPlugin(name);

        try
        {
            using var response = await server.Client.PostAsync("/api/plugins/reload", null, _ct);

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var result = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
            result.GetProperty("added").EnumerateArray().Select(a => $"{a.GetProperty("name").GetString()}@{a.GetProperty("version").GetString()}").ShouldContain($"{name}@2.0.0", result.ToString());
            using var loaded = await server.Client.GetAsync($"/api/plugins/{name}", _ct);
            loaded.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            Directory.Delete(server.Root.Combine("plugins", name), recursive: true);
            using var again = await server.Client.PostAsync("/api/plugins/reload", null, _ct);
            var removal = await again.Content.ReadFromJsonAsync<JsonElement>(_ct);
            removal.GetProperty("removed").EnumerateArray().Select(a => $"{a.GetProperty("name").GetString()}@{a.GetProperty("version").GetString()}").ShouldContain($"{name}@2.0.0", removal.ToString());
            using var gone = await server.Client.GetAsync($"/api/plugins/{name}", _ct);
            gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Workflows_List_ValidWorkflowsWithTheirPlugins()
    {
        var result = await server.Client.GetFromJsonAsync<JsonElement>("/api/workflows", _ct);

        var echo = result.GetProperty("workflows").EnumerateArray().Single(w => w.GetProperty("name").GetString() == "echo-flow");
        echo.GetProperty("plugins").EnumerateArray().Select(p => p.GetString()).ShouldBe(["echo"]);
        echo.GetProperty("description").GetString().ShouldBe("Echoes its input.");
    }

    /// <summary>An external plugin of version 2.0.0 with one phase, whose executable answers the protocol from a script.</summary>
    private void WriteScriptPlugin(string name, string extra = "")
    {
        server.Root.Write($"plugins/{name}/plugin.yaml", $"name: {name}\nversion: 2.0.0\ntype: external\ndomains: [test]\nbinary: true\nentry_point: run.sh\n{extra}phases:\n  - name: a\n    order: 1\n");
        var script = server.Root.Write($"plugins/{name}/run.sh", $$"""
            #!/bin/bash
            case "$1" in
              info) echo '{"name":"{{name}}","version":"2.0.0","protocol":1,"phases":["a"]}' ;;
              validate) exit 0 ;;
              execute) cat >/dev/null; echo '{"output": {} }' ;;
            esac
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
