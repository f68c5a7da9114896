using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Abstractions.Phases;

/// <summary>What one successful phase attempt returns.</summary>
public sealed record PhaseResult
{
    /// <summary>The phase output as JSON; later phases read it by this phase's name.</summary>
    public JsonElement Output { get; init; }

    /// <summary>Metadata changes to merge into the run's metadata. A JSON <c>null</c> value removes the key.</summary>
    public ImmutableDictionary<string, JsonElement> Metadata { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>Files the phase produced, relative to the working directory.</summary>
    public ImmutableArray<string> Artifacts { get; init; } = [];

    /// <summary>Creates a result whose output is <paramref name="output"/> serialized to JSON.</summary>
    /// <typeparam name="T">The output type.</typeparam>
    /// <param name="output">The value to serialize.</param>
    /// <param name="options">Serializer options; snake_case web defaults when omitted.</param>
    /// <returns>A result with no metadata changes and no artifacts.</returns>
    public static PhaseResult FromOutput<T>(T output, JsonSerializerOptions? options = null) =>
        new() { Output = JsonSerializer.SerializeToElement(output, options ?? OrchestratorJson.Options) };
}
