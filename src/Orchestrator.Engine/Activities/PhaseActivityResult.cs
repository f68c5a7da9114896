using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Engine.Activities;

/// <summary>A successful phase attempt as returned to the orchestrator (a <see cref="PhaseResult"/> that always serializes).</summary>
public sealed record PhaseActivityResult
{
    public JsonElement? Output { get; init; }

    public ImmutableDictionary<string, JsonElement> Metadata { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    public ImmutableArray<string> Artifacts { get; init; } = [];

    /// <summary>The SHA-256 of the stored node of the shared data this attempt read (see <see cref="Payloads.PhaseContextInput.Head"/>).</summary>
    public string? Context { get; init; }

    /// <summary>The SHA-256 of this result as stored for the phases after it (<see cref="Payloads.StoredResult"/>).</summary>
    public string? Stored { get; init; }

    /// <summary>The phase result for <see cref="Abstractions.Context.SharedData.WithPhaseResult"/>.</summary>
    public PhaseResult ToPhaseResult() => new()
    {
        Output = Output ?? default,
        Metadata = Metadata,
        Artifacts = Artifacts.IsDefault ? [] : Artifacts,
    };

    public static PhaseActivityResult From(PhaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new PhaseActivityResult
        {
            Output = result.Output.ValueKind == JsonValueKind.Undefined ? null : result.Output,
            Metadata = result.Metadata,
            Artifacts = result.Artifacts.IsDefault ? [] : result.Artifacts,
        };
    }
}
