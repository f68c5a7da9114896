using System.Collections.Immutable;

namespace Orchestrator.Engine.Payloads;

/// <summary>A stored link of the chain a <see cref="PhaseContextInput"/> names: changes over the node before.</summary>
/// <param name="Parent">The SHA-256 of the node before; null for the first.</param>
/// <param name="Changes">The changes over it, in order.</param>
public sealed record ContextNode(string? Parent, ImmutableArray<ContextChange> Changes);
