using System.Collections.Immutable;

namespace Orchestrator.Engine.Payloads;

/// <summary>
/// What a phase attempt's input carries of the run's shared data: not the data, but where to find it
/// (docs/running-workflows.md#large-outputs-and-limits). <see cref="Head"/> names the latest stored
/// <see cref="ContextNode"/>, a chain of changes back to an empty view; <see cref="Changes"/> are those merged since.
/// Its size does not grow with the number of phases before, so the run's history grows linearly.
/// </summary>
public sealed record PhaseContextInput
{
    /// <summary>An empty view.</summary>
    public static PhaseContextInput Empty { get; } = new();

    /// <summary>The SHA-256 of the latest stored node; null when there is none yet.</summary>
    public string? Head { get; init; }

    /// <summary>The changes merged after <see cref="Head"/>, in order.</summary>
    public ImmutableArray<ContextChange> Changes { get; init; } = [];
}
