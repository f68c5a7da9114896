using Orchestrator.Plugins.Execution;

namespace Orchestrator.Plugins.Reload;

/// <summary>A plugin whose loaded version or content changed.</summary>
/// <param name="Old">What was loaded before; runs pinned to it now fail with <see cref="PluginVersionUnavailableException"/>.</param>
/// <param name="New">What is loaded now.</param>
public sealed record PluginUpdate(PluginIdentity Old, PluginIdentity New);
