using Orchestrator.Plugins.Execution;

namespace Orchestrator.Contracts.Plugins;

/// <summary>A loaded plugin version: runs are pinned to it.</summary>
/// <param name="Name">The plugin's name.</param>
/// <param name="Version">Its SemVer 2.0 version.</param>
/// <param name="ContentHash">SHA-256 (lowercase hex) of every file in the plugin directory.</param>
public sealed record PluginVersion(string Name, string Version, string ContentHash)
{
    /// <summary>The contract of a plugin identity.</summary>
    /// <param name="identity">The identity.</param>
    /// <returns>The contract.</returns>
    public static PluginVersion From(PluginIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new(identity.Name, identity.Version, identity.ContentHash);
    }

    /// <summary>The identity this contract names.</summary>
    /// <returns>The identity.</returns>
    public PluginIdentity ToIdentity() => new(Name, Version, ContentHash);
}
