using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Tests.Discovery;

namespace Orchestrator.Plugins.Tests.Execution;

/// <summary>The example plugins shipped in plugins/ run end to end, each phase feeding the next.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SamplePluginTests : IDisposable
{
    private readonly TestEnvironment _environment = new();
    private readonly PluginCatalog _catalog;
    private readonly string _workdir;

    public SamplePluginTests()
    {
        var plugins = Path.Combine(RepoPaths.Root, "plugins");
        _workdir = _environment.Sub("work");
        _catalog = new PluginCatalog(new PluginOptions
        {
            Discovery = _environment.Options([Path.Combine(plugins, "wordcount-dotnet"), Path.Combine(plugins, "slugify-node")]),
            HostEnvironment = ImmutableDictionary<string, string>.Empty.Add("PATH", Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin"),
        });
    }

    public void Dispose()
    {
        _catalog.Dispose();
        _environment.Dispose();
    }

    [Fact]
    public async Task WordCount_CountThenTop_RanksWordsAndWritesReport()
    {
        await _catalog.ReloadAsync(TestContext.Current.CancellationToken);
        var plugin = _catalog.Get("wordcount-dotnet");
        var executor = new PhaseExecutor(_catalog);

        var count = await executor.ExecuteAsync(plugin.Identity, Request(plugin, "count", """{"text":"the cat and the hat and the bat"}"""), TestContext.Current.CancellationToken);
        var top = await executor.ExecuteAsync(
            plugin.Identity,
            Request(plugin, "top", null) with
            {
                Context = new PluginContext(ImmutableDictionary<string, JsonElement>.Empty.Add("count", count.Output)),
                Config = plugin.Manifest.DefaultConfig.SetItem("top", JsonSerializer.SerializeToElement(2)),
            },
            TestContext.Current.CancellationToken);

        count.Output.GetProperty("words").GetInt32().ShouldBe(8);
        top.Output.GetProperty("top").EnumerateArray().Select(w => w.GetProperty("word").GetString()).ShouldBe(["the", "and"]);
        top.Artifacts.ShouldBe(["wordcount.md"]);
        top.Metadata["word_count"].GetInt32().ShouldBe(8);
        var report = await File.ReadAllTextAsync(Path.Combine(_workdir, "wordcount.md"), TestContext.Current.CancellationToken);
        report.ShouldContain("- the: 3");
        report.ShouldContain("> List the most frequent words");
    }

    [Fact]
    public async Task Slugify_SlugifyThenPage_WritesPageNamedAfterSlug()
    {
        await _catalog.ReloadAsync(TestContext.Current.CancellationToken);
        var plugin = _catalog.Get("slugify-node");
        var executor = new PhaseExecutor(_catalog);

        var slug = await executor.ExecuteAsync(plugin.Identity, Request(plugin, "slugify", """{"title":"Ça va, Monde?"}""") with { Config = plugin.Manifest.DefaultConfig }, TestContext.Current.CancellationToken);
        var page = await executor.ExecuteAsync(
            plugin.Identity,
            Request(plugin, "page", null) with { Context = new PluginContext(ImmutableDictionary<string, JsonElement>.Empty.Add("slugify", slug.Output)) },
            TestContext.Current.CancellationToken);

        slug.Output.GetProperty("slug").GetString().ShouldBe("ca-va-monde");
        page.Artifacts.ShouldBe(["ca-va-monde.md"]);
        (await File.ReadAllTextAsync(Path.Combine(_workdir, "ca-va-monde.md"), TestContext.Current.CancellationToken)).ShouldBe("# Ça va, Monde?\n");
    }

    [Fact]
    public async Task Slugify_TitleWithoutLettersOrDigits_InvalidInputNotRetried()
    {
        await _catalog.ReloadAsync(TestContext.Current.CancellationToken);
        var plugin = _catalog.Get("slugify-node");

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => new PhaseExecutor(_catalog).ExecuteAsync(
            plugin.Identity, Request(plugin, "slugify", """{"title":"?!"}""") with { Config = plugin.Manifest.DefaultConfig }, TestContext.Current.CancellationToken));

        failure.Kind.ShouldBe(PhaseFailureKind.InvalidInput);
        failure.Message.ShouldContain("has no letters or digits");
    }

    private PhaseRequest Request(LoadedPlugin plugin, string phase, string? input) => new()
    {
        RunId = "sample",
        Plugin = plugin.Identity.Name,
        PluginVersion = plugin.Identity.Version,
        Phase = phase,
        Input = input is null ? default : JsonDocument.Parse(input).RootElement.Clone(),
        WorkingDirectory = _workdir,
    };
}
