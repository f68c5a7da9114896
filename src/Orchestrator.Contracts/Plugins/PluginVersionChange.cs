using Orchestrator.Plugins.Reload;

namespace Orchestrator.Contracts.Plugins;

/// <summary>A plugin whose version or content changed in a reload.</summary>
/// <param name="Name">The plugin's name.</param>
/// <param name="Old">The version loaded before.</param>
/// <param name="New">The version loaded now.</param>
public sealed record PluginVersionChange(string Name, PluginVersion Old, PluginVersion New)
{
    /// <summary>The contract of a reload's update.</summary>
    /// <param name="update">The update.</param>
    /// <returns>The contract.</returns>
    public static PluginVersionChange From(PluginUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new(update.New.Name, PluginVersion.From(update.Old), PluginVersion.From(update.New));
    }
}
