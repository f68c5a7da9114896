using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Cli.Tests;

/// <summary>The executable registers exactly the built-in plugins whose manifests are in plugins/, each with its manifest's phases.</summary>
public sealed class BuiltInPluginsTests
{
    [Fact]
    public void All_RegistersEveryBuiltInManifestInPlugins()
    {
        var builtIn = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "plugins"))
            .Select(d => ManifestReader.FileNames.Select(n => Path.Combine(d, n)).FirstOrDefault(File.Exists))
            .OfType<string>()
            .Select(f => ManifestReader.Read(f, TestContext.Current.CancellationToken).GetManifestOrThrow())
            .Where(m => m.Type == PluginType.Builtin)
            .Select(m => m.Name)
            .Order(StringComparer.Ordinal);

        BuiltInPlugins.All.Keys.Order(StringComparer.Ordinal).ShouldBe(builtIn);
        BuiltInPlugins.All.Keys.ShouldBe(["code", "docs", "fiction"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("fiction")]
    [InlineData("code")]
    [InlineData("docs")]
    public void CreatePhases_MatchesTheManifestPhasesExactly(string plugin)
    {
        var manifest = ManifestReader.Read(Path.Combine(RepoPaths.Root, "plugins", plugin), TestContext.Current.CancellationToken).GetManifestOrThrow();

        var phases = BuiltInPlugins.All[plugin]().CreatePhases();

        phases.Select(p => p.Name).ShouldBe(manifest.Phases.Select(p => p.Name), ignoreOrder: true);
        phases.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count().ShouldBe(phases.Count);
        manifest.Prompts.Keys.ShouldAllBe(name => phases.Any(p => p.Name == name));
    }
}
