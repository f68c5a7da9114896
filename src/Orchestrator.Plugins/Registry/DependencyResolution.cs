using System.Collections.Immutable;
using Orchestrator.Plugins.Discovery;

namespace Orchestrator.Plugins.Registry;

/// <summary>The outcome of resolving dependencies and compatibility for a set of plugins.</summary>
/// <param name="LoadOrder">Accepted plugins, every plugin after all of its dependencies (ties by name).</param>
/// <param name="Rejections">Rejected plugins, sorted by name, each message naming the chain.</param>
/// <param name="Edges">Every declared dependency of every plugin, accepted or not.</param>
public sealed record DependencyResolution(
    ImmutableArray<DiscoveredPlugin> LoadOrder,
    ImmutableArray<PluginProblem> Rejections,
    ImmutableArray<DependencyEdge> Edges);
