using Orchestrator.Cli.Commands.Plugins.Json;
using Orchestrator.Cli.Output;
using Orchestrator.Plugins.Discovery;

namespace Orchestrator.Cli.Commands.Plugins;

/// <summary>Builds the <c>plugins info</c> view of a discovered plugin.</summary>
internal static class PluginInfo
{
    public static PluginInfoJson From(DiscoveredPlugin plugin, PluginCatalog catalog)
    {
        var manifest = plugin.Manifest;
        var rejection = catalog.RejectionOf(plugin.Name);
        var edges = catalog.Registry.Resolution.Edges.Where(e => e.From == plugin.Name);
        return new PluginInfoJson
        {
            Name = manifest.Name,
            Version = manifest.Version.ToString(),
            Description = manifest.Description,
            Author = manifest.Author,
            License = manifest.License,
            Homepage = manifest.Homepage,
            Repository = manifest.Repository,
            Tags = manifest.Tags,
            Created = manifest.Created,
            Updated = manifest.Updated,
            Type = CliJson.Name(manifest.Type),
            MinVersion = manifest.MinVersion?.ToString(),
            MaxVersion = manifest.MaxVersion?.ToString(),
            Dependencies = [.. edges.Select(e => new DependencyJson(e.Dependency.Name, e.Dependency.RangeText, e.FoundVersion?.ToString(), e.Satisfied))],
            Domains = manifest.Domains,
            Phases = [.. manifest.Phases.Select(p => PhaseJson.From(p, manifest))],
            Prompts = manifest.Prompts,
            OutputSpec = manifest.OutputSpec,
            ResourceSpec = manifest.ResourceSpec,
            ConfigSchema = manifest.ConfigSchema,
            DefaultConfig = manifest.DefaultConfig,
            RequiredConfig = manifest.RequiredConfig,
            EntryPoint = manifest.EntryPoint,
            Binary = manifest.Binary,
            Language = manifest.Language,
            Path = manifest.Directory,
            ManifestPath = manifest.ManifestPath,
            Source = SearchPaths.Describe(plugin.Source.Kind),
            SearchPath = plugin.Source.Directory,
            Status = rejection is null ? "loaded" : CliJson.Name(rejection.Kind),
            Reason = rejection?.Message,
            Warnings = [.. plugin.Warnings.Select(ManifestProblemJson.From)],
        };
    }
}
