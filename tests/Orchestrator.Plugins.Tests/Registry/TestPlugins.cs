using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Manifests;
using Semver;

namespace Orchestrator.Plugins.Tests.Registry;

/// <summary>In-memory plugins for the dependency algorithms (discovery from real files is covered separately).</summary>
internal static class TestPlugins
{
    private static readonly SearchPath Source = new("/plugins", SearchPathKind.Explicit, 0);

    /// <summary>A plugin; each dependency is <c>name</c> or <c>name@npm-range</c>.</summary>
    public static DiscoveredPlugin Make(string name, string version = "1.0.0", params string[] dependencies) =>
        Bounded(name, version, min: null, max: null, dependencies);

    /// <summary>A plugin with min_version/max_version.</summary>
    public static DiscoveredPlugin Bounded(string name, string version, string? min, string? max, params string[] dependencies) =>
        new(
            new PluginManifest
            {
                Name = name,
                Version = SemVersion.Parse(version, SemVersionStyles.Strict),
                Type = PluginType.Builtin,
                MinVersion = min is null ? null : SemVersion.Parse(min, SemVersionStyles.Strict),
                MaxVersion = max is null ? null : SemVersion.Parse(max, SemVersionStyles.Strict),
                Domains = ["code"],
                Phases = [new PhaseManifest { Name = "only", Order = 1 }],
                Dependencies = [.. dependencies.Select(Dependency)],
                Directory = $"/plugins/{name}",
                ManifestPath = $"/plugins/{name}/plugin.yaml",
            },
            Source);

    private static PluginDependency Dependency(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at < 0
            ? new PluginDependency(text, SemVersionRange.All, "*")
            : new PluginDependency(text[..at], SemVersionRange.ParseNpm(text[(at + 1)..]), text[(at + 1)..]);
    }
}
