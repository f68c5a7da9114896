using Orchestrator.Documents.Parsing;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Tests.Manifests;

public sealed class ManifestReaderTests
{
    [Fact]
    public void Read_MinimalYaml_ReturnsManifest()
    {
        using var plugin = new TempPlugin();
        plugin.Write("plugin.yaml", Samples.MinimalYaml);

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.Problems.ShouldBeEmpty();
        result.IsValid.ShouldBeTrue();
        result.Manifest!.Name.ShouldBe("demo");
        result.Manifest.Phases.Single().Name.ShouldBe("plan");
        result.Manifest.Directory.ShouldBe(Path.GetFullPath(plugin.PluginDirectory));
    }

    [Fact]
    public void Read_FullYaml_ReadsEveryField()
    {
        using var plugin = new TempPlugin();
        Samples.AddFullPluginFiles(plugin);
        plugin.Write("plugin.yaml", Samples.FullYaml);

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.Problems.ShouldBeEmpty(string.Join("\n", result.Problems));
        var m = result.Manifest!;
        m.Version.ToString().ShouldBe("2.1.0-beta.1+build.5");
        m.Type.ShouldBe(PluginType.External);
        m.Binary.ShouldBeTrue();
        m.Phases.Select(p => p.Name).ShouldBe(["outline", "draft", "review"]);
        m.Phases[1].Timeout.ShouldBe(TimeSpan.FromMinutes(10));
        m.Phases[1].EstimatedTime.ShouldBe(TimeSpan.FromMinutes(5));
        m.Phases[1].RetryInterval.ShouldBe(TimeSpan.FromMilliseconds(500));
        m.Phases[1].MaxRetries.ShouldBe(3);
        m.Phases[0].Required.ShouldBeFalse();
        m.Phases[0].Approval.ShouldBeTrue();
        m.Phases[0].RetryInterval.ShouldBe(TimeSpan.FromSeconds(1));
        m.Dependencies.Select(d => d.ToString()).ShouldBe(["ai-client@^1.2", "text-utils"]);
        m.ResourceSpec!.MinMemory.ShouldBe(512_000_000);
        m.ResourceSpec.MaxMemory.ShouldBe(2L * 1024 * 1024 * 1024);
        m.ResourceSpec.RateLimits["requests_per_minute"].ShouldBe("60");
        m.DefaultConfig["temperature"].GetDouble().ShouldBe(0.7);
        m.Created.ShouldBe(new DateTimeOffset(2025, 1, 31, 0, 0, 0, TimeSpan.Zero));
        m.Prompts["draft"].ShouldBe("prompts/draft.md");
    }

    [Fact]
    public void GetManifestOrThrow_InvalidManifest_ThrowsWithEveryError()
    {
        var yaml = Samples.MinimalYaml.Replace("name: demo", "name: Demo", StringComparison.Ordinal).Replace("order: 1", "order: 0", StringComparison.Ordinal);
        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        var exception = Should.Throw<InvalidManifestException>(() => result.GetManifestOrThrow());

        exception.Problems.Length.ShouldBe(2);
        exception.Message.ShouldContain("(2 errors)");
        exception.Message.ShouldContain("m.yaml:7: error: phases[0].order: order must be 1 or more, got 0");
    }

    [Fact]
    public void GetManifestOrThrow_ValidManifest_ReturnsManifest()
    {
        var result = ManifestReader.Parse(Samples.MinimalYaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        result.GetManifestOrThrow().Name.ShouldBe("demo");
    }
}
