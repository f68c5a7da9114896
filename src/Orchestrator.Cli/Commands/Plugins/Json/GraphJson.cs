using System.Collections.Immutable;

namespace Orchestrator.Cli.Commands.Plugins.Json;

/// <summary><c>plugins graph --json</c>.</summary>
/// <param name="Nodes">Every valid, unshadowed plugin with its status (<c>loaded</c> or the rejection kind).</param>
/// <param name="Edges">Every declared dependency.</param>
/// <param name="LoadOrder">Loaded plugin names, dependencies first.</param>
/// <param name="Rejected">Why each rejected plugin was rejected.</param>
internal sealed record GraphJson(
    ImmutableArray<GraphNodeJson> Nodes,
    ImmutableArray<GraphEdgeJson> Edges,
    ImmutableArray<string> LoadOrder,
    ImmutableArray<ProblemJson> Rejected);
