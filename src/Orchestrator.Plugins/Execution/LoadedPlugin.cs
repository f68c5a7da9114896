using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Execution;

/// <summary>A plugin that is loaded and can execute phases.</summary>
/// <param name="Identity">Name, version and content hash.</param>
/// <param name="Manifest">Its validated manifest.</param>
public sealed record LoadedPlugin(PluginIdentity Identity, PluginManifest Manifest);
