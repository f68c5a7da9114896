using Semver;

namespace Orchestrator.Plugins.Manifests;

/// <summary>One entry of <c>dependencies</c>: <c>name</c> (any version) or <c>name@range</c> (npm-style range, e.g. <c>^1.2</c>).</summary>
/// <param name="Name">The plugin the dependency names.</param>
/// <param name="Range">The accepted versions; <see cref="SemVersionRange.All"/> for a bare name.</param>
/// <param name="RangeText">The range as written, for messages (<c>*</c> for a bare name).</param>
public sealed record PluginDependency(string Name, SemVersionRange Range, string RangeText)
{
    public override string ToString() => RangeText == "*" ? Name : $"{Name}@{RangeText}";
}
