using System.Collections.Immutable;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Contracts.Plugins;

/// <summary>A plugin in a list: <c>plugins list --json</c> and <c>GET /api/plugins</c>.</summary>
public sealed record PluginSummary
{
    /// <summary>The plugin's name.</summary>
    public required string Name { get; init; }

    /// <summary>Its SemVer 2.0 version.</summary>
    public required string Version { get; init; }

    /// <summary>SHA-256 of the plugin directory's files, once loaded; null where the plugin was only discovered (the CLI's <c>plugins list</c>, plugins that did not load).</summary>
    public required string? ContentHash { get; init; }

    /// <summary><c>builtin</c> or <c>external</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The domains the plugin serves.</summary>
    public required ImmutableArray<string> Domains { get; init; }

    /// <summary>How many phases it has.</summary>
    public required int Phases { get; init; }

    /// <summary>What the plugin does.</summary>
    public required string? Description { get; init; }

    /// <summary>The plugin directory; null from the REST API, which does not expose the server's paths.</summary>
    public required string? Path { get; init; }

    /// <summary><c>loaded</c>, or the kind of problem that kept it from loading (e.g. <c>shadowed</c>, <c>incompatible</c>).</summary>
    public required string Status { get; init; }

    /// <summary>The contract of a loaded plugin.</summary>
    /// <param name="plugin">The plugin.</param>
    /// <param name="audience">Who it is for.</param>
    /// <returns>The contract.</returns>
    public static PluginSummary From(LoadedPlugin plugin, Audience audience)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        return From(plugin.Manifest, PluginFacts.Loaded, plugin.Identity.ContentHash, audience);
    }

    /// <summary>The contract of a plugin's manifest.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="status"><c>loaded</c> or the problem kind.</param>
    /// <param name="contentHash">The content hash when loaded.</param>
    /// <param name="audience">Who it is for.</param>
    /// <returns>The contract.</returns>
    public static PluginSummary From(PluginManifest manifest, string status, string? contentHash, Audience audience)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new PluginSummary
        {
            Name = manifest.Name,
            Version = manifest.Version.ToString(),
            ContentHash = contentHash,
            Type = ContractJson.Name(manifest.Type),
            Domains = manifest.Domains,
            Phases = manifest.Phases.Length,
            Description = manifest.Description,
            Path = audience == Audience.Local ? manifest.Directory : null,
            Status = status,
        };
    }
}
