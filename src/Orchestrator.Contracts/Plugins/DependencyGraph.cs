using System.Collections.Immutable;
using Orchestrator.Contracts.Problems;

namespace Orchestrator.Contracts.Plugins;

/// <summary><c>plugins graph --json</c>: the plugins' dependency graph and load order.</summary>
/// <param name="Nodes">Every valid, unshadowed plugin with its status (<c>loaded</c> or the rejection kind).</param>
/// <param name="Edges">Every declared dependency.</param>
/// <param name="LoadOrder">Loaded plugin names, dependencies first.</param>
/// <param name="Rejected">Why each rejected plugin was rejected.</param>
public sealed record DependencyGraph(
    ImmutableArray<GraphNode> Nodes,
    ImmutableArray<GraphEdge> Edges,
    ImmutableArray<string> LoadOrder,
    ImmutableArray<DiscoveryProblem> Rejected);
