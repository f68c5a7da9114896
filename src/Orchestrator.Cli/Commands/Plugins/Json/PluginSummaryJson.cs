using System.Collections.Immutable;
using Orchestrator.Cli.Output;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Cli.Commands.Plugins.Json;

internal sealed record PluginSummaryJson(
    string Name,
    string Version,
    string Type,
    ImmutableArray<string> Domains,
    int Phases,
    string? Description,
    string Path,
    string Status)
{
    public static PluginSummaryJson From(PluginManifest manifest, string status) => new(
        manifest.Name,
        manifest.Version.ToString(),
        CliJson.Name(manifest.Type),
        manifest.Domains,
        manifest.Phases.Length,
        manifest.Description,
        manifest.Directory,
        status);
}
