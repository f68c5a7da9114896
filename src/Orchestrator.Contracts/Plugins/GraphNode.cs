namespace Orchestrator.Contracts.Plugins;

/// <summary>A plugin in the dependency graph.</summary>
/// <param name="Name">The plugin's name.</param>
/// <param name="Version">Its version.</param>
/// <param name="Status"><c>loaded</c> or the rejection kind.</param>
public sealed record GraphNode(string Name, string Version, string Status);
