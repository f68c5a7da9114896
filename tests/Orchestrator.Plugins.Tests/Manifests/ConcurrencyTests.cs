using Orchestrator.Documents.Parsing;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Tests.Manifests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Read_ManyPluginsInParallel_AllValidWithSharedSchemaCaches()
    {
        using var root = new TempPlugin();
        var directories = Enumerable.Range(0, 64).Select(i =>
        {
            var directory = Path.Combine(root.Root, $"plugin-{i}");
            Directory.CreateDirectory(directory);
            // Half share one config_schema (cache hits), half have their own (cache misses racing each other).
            var maximum = i % 2 == 0 ? 2 : i + 2;
            File.WriteAllText(
                Path.Combine(directory, "plugin.yaml"),
                Samples.FullYaml.Replace("maximum: 2", $"maximum: {maximum}", StringComparison.Ordinal)
                    .Replace("type: external", "type: builtin", StringComparison.Ordinal)
                    .Replace("entry_point: bin/run.sh\n", string.Empty, StringComparison.Ordinal)
                    .Replace("prompts:\n  draft: prompts/draft.md\n  outline: prompts/outline.md\n", string.Empty, StringComparison.Ordinal));
            return directory;
        }).ToList();

        var results = await Task.WhenAll(directories.Select(d => Task.Run(() => ManifestReader.Read(d, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)));

        results.ShouldAllBe(r => r.IsValid && r.Problems.Length == 0);
        results.Select(r => r.Manifest!.ConfigSchema!.Value.GetProperty("properties").GetProperty("temperature").GetProperty("maximum").GetInt32())
            .ShouldBe(Enumerable.Range(0, 64).Select(i => i % 2 == 0 ? 2 : i + 2));
    }

    [Fact]
    public async Task Parse_SchemasSharingAnIdInParallel_EachValidatedAgainstItsOwnContent()
    {
        // Schemas with the same $id but different content must not see each other through a shared registry.
        var texts = Enumerable.Range(0, 32).Select(i => Samples.MinimalYaml + $$"""

            config_schema:
              $id: https://example.com/shared-config
              properties:
                level: { maximum: {{i}} }
            default_config:
              level: 16
            """).ToList();

        var results = await Task.WhenAll(texts.Select(t => Task.Run(
            () => ManifestReader.Parse(t, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken)));

        results.Select(r => r.IsValid).ShouldBe(Enumerable.Range(0, 32).Select(i => i >= 16));
    }

    [Fact]
    public void Read_CancelledToken_Throws()
    {
        using var plugin = new TempPlugin();
        plugin.Write("plugin.yaml", Samples.MinimalYaml);

        Should.Throw<OperationCanceledException>(() => ManifestReader.Read(plugin.PluginDirectory, new CancellationToken(canceled: true)));
    }
}
