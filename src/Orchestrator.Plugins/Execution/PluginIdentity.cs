namespace Orchestrator.Plugins.Execution;

/// <summary>Exactly one loaded version of a plugin. A run records it at start and executes only that version.</summary>
/// <param name="Name">The plugin name.</param>
/// <param name="Version">The manifest version.</param>
/// <param name="ContentHash">A hash of the plugin directory's content (lowercase hex SHA-256).</param>
public sealed record PluginIdentity(string Name, string Version, string ContentHash)
{
    public override string ToString() => $"{Name}@{Version} ({ContentHash[..Math.Min(12, ContentHash.Length)]})";
}
