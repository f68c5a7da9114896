using Orchestrator.Plugins.Execution;
using Orchestrator.Server.Endpoints.Contracts;

namespace Orchestrator.Server.Endpoints;

/// <summary>Loaded plugins as API responses. The plugin directory is left out: the API does not expose server paths.</summary>
internal static class PluginJson
{
    public static string Name(PluginIdentity identity) => $"{identity.Name}@{identity.Version}";

    public static PluginSummaryResponse Summary(LoadedPlugin plugin) => new(
        plugin.Manifest.Name,
        plugin.Identity.Version,
        plugin.Manifest.Description,
        Type(plugin),
        plugin.Manifest.Domains,
        plugin.Manifest.Phases.Length,
        plugin.Identity.ContentHash);

    public static PluginDetailResponse Detail(LoadedPlugin plugin)
    {
        var manifest = plugin.Manifest;
        return new PluginDetailResponse
        {
            Name = manifest.Name,
            Version = plugin.Identity.Version,
            Description = manifest.Description,
            Author = manifest.Author,
            License = manifest.License,
            Homepage = manifest.Homepage,
            Type = Type(plugin),
            ContentHash = plugin.Identity.ContentHash,
            Tags = manifest.Tags,
            Domains = manifest.Domains,
            Dependencies = [.. manifest.Dependencies.Select(d => d.ToString())],
            Phases = [.. manifest.Phases.OrderBy(p => p.Order).Select(p => new PhaseResponse(
                p.Name, p.Description, p.Order, p.Required, p.Parallel, p.Approval, p.Retryable, p.MaxRetries,
                p.Timeout?.TotalSeconds, p.EstimatedTime?.TotalSeconds))],
            DefaultConfig = manifest.DefaultConfig,
            RequiredConfig = manifest.RequiredConfig,
            ConfigSchema = manifest.ConfigSchema,
        };
    }

    private static string Type(LoadedPlugin plugin) => plugin.Manifest.Type.ToString().ToLowerInvariant();
}
