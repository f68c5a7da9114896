using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Engine.Payloads;

/// <summary>
/// One change of the phase view of a run's shared data (phase outputs and metadata), in the order the run merged it:
/// a phase's result stored in the workspace (<see cref="Phase"/> and <see cref="Result"/>), or values given inline
/// (an approval's metadata, the shared data a retry takes over).
/// </summary>
public sealed record ContextChange
{
    /// <summary>The phase whose result <see cref="Result"/> names.</summary>
    public string? Phase { get; init; }

    /// <summary>The SHA-256 of the phase's stored <see cref="StoredResult"/>.</summary>
    public string? Result { get; init; }

    /// <summary>Phase outputs set inline, by phase name.</summary>
    public ImmutableDictionary<string, JsonElement> Outputs { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>Metadata changes inline; a JSON <c>null</c> removes the key.</summary>
    public ImmutableDictionary<string, JsonElement> Metadata { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;
}
