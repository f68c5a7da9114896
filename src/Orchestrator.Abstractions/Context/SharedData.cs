using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Context;

/// <summary>
/// The state phases of one run share: outputs by phase name, run metadata, failed attempts and timings.
/// The durable engine keeps it as orchestration state and the REST API returns it. Immutable: every
/// <c>With…</c> method returns a new instance, so merging phase results is deterministic.
/// </summary>
/// <remarks>
/// The JSON shape is fixed by attributes (the same with any serializer options) and versioned:
/// <code>
/// {
///   "schema_version": 1,
///   "phase_outputs": { "outline": { ... } },
///   "metadata": { "language": "en" },
///   "errors": [ { "phase": "draft", "message": "...", "attempt": 1, "occurred_at": "2026-01-02T03:04:05+00:00", "required": true } ],
///   "metrics": {
///     "phases": { "outline": { "phase": "outline", "started_at": "...", "ended_at": "...", "attempts": 1, "duration_ms": 1500 } },
///     "total_attempts": 1, "total_duration_ms": 1500, "started_at": "...", "ended_at": "..."
///   }
/// }
/// </code>
/// Map keys are written in ordinal order. <c>duration_ms</c> and the totals are computed from the phase
/// entries, so they are written but ignored when read. Reading a document with another
/// <c>schema_version</c> fails with a <see cref="JsonException"/>; a missing one means 1.
/// </remarks>
public sealed record SharedData : IJsonOnDeserialized
{
    /// <summary>The JSON schema version this type reads and writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>
    /// How deeply a phase output or metadata value may nest objects and arrays: two levels less than the 64 that
    /// <see cref="OrchestratorJson.Options"/> reads, because the document itself adds two.
    /// </summary>
    public const int MaxValueDepth = 62;

    private static readonly JsonElement JsonNull = JsonSerializer.SerializeToElement<object?>(null);

    private readonly ImmutableDictionary<string, JsonElement> _phaseOutputs = ImmutableDictionary.Create<string, JsonElement>(StringComparer.Ordinal);
    private readonly ImmutableDictionary<string, JsonElement> _metadata = ImmutableDictionary.Create<string, JsonElement>(StringComparer.Ordinal);
    private readonly ImmutableArray<PhaseError> _errors = [];
    private readonly RunMetrics _metrics = new();

    /// <summary>Shared data with nothing in it.</summary>
    public static SharedData Empty { get; } = new();

    /// <summary>The schema version of the JSON shape, <see cref="CurrentSchemaVersion"/>.</summary>
    [JsonPropertyName("schema_version")]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The output of every completed phase, by phase name.</summary>
    [JsonPropertyName("phase_outputs")]
    [JsonConverter(typeof(JsonElementMapConverter))]
    public ImmutableDictionary<string, JsonElement> PhaseOutputs
    {
        get => _phaseOutputs;
        init => _phaseOutputs = Ordinal(value);
    }

    /// <summary>Run metadata written by phases; it never holds JSON <c>null</c> values (a null removes the key).</summary>
    [JsonPropertyName("metadata")]
    [JsonConverter(typeof(JsonElementMapConverter))]
    public ImmutableDictionary<string, JsonElement> Metadata
    {
        get => _metadata;
        init => _metadata = Ordinal(value);
    }

    /// <summary>Every failed phase attempt, in the order they were recorded.</summary>
    [JsonPropertyName("errors")]
    public ImmutableArray<PhaseError> Errors
    {
        get => _errors;
        init => _errors = value.IsDefault ? [] : value;
    }

    /// <summary>Phase timings and run totals.</summary>
    [JsonPropertyName("metrics")]
    public RunMetrics Metrics
    {
        get => _metrics;
        init => _metrics = value ?? new RunMetrics();
    }

    /// <summary>Records a phase's output, replacing an earlier output of the same phase.</summary>
    /// <param name="phase">The phase name.</param>
    /// <param name="output">The output; an undefined element (a result that set none) is stored as JSON <c>null</c>.</param>
    /// <returns>The new shared data.</returns>
    /// <exception cref="ArgumentException">The output nests deeper than <see cref="MaxValueDepth"/>.</exception>
    public SharedData WithPhaseOutput(string phase, JsonElement output)
    {
        ArgumentException.ThrowIfNullOrEmpty(phase);
        CheckDepth(output, $"The output of phase '{phase}'", nameof(output));
        return this with { PhaseOutputs = PhaseOutputs.SetItem(phase, Detach(output)) };
    }

    /// <summary>Merges metadata changes: a JSON <c>null</c> (or undefined) value removes the key, any other value sets it.</summary>
    /// <param name="changes">The changes, for example <see cref="PhaseResult.Metadata"/>.</param>
    /// <returns>The new shared data.</returns>
    /// <exception cref="ArgumentException">A key is empty, or a value nests deeper than <see cref="MaxValueDepth"/>.</exception>
    public SharedData WithMetadata(IEnumerable<KeyValuePair<string, JsonElement>> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var builder = Metadata.ToBuilder();
        foreach (var (key, value) in changes)
        {
            ArgumentException.ThrowIfNullOrEmpty(key, nameof(changes));
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                builder.Remove(key);
            }
            else
            {
                CheckDepth(value, $"Metadata value '{key}'", nameof(changes));
                builder[key] = value.Clone();
            }
        }

        return this with { Metadata = builder.ToImmutable() };
    }

    /// <summary>Merges a successful phase result: its output under the phase name, then its metadata changes.</summary>
    /// <param name="phase">The phase name.</param>
    /// <param name="result">The result.</param>
    /// <returns>The new shared data.</returns>
    public SharedData WithPhaseResult(string phase, PhaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return WithPhaseOutput(phase, result.Output).WithMetadata(result.Metadata);
    }

    /// <summary>Appends a failed attempt.</summary>
    /// <param name="error">The failure.</param>
    /// <returns>The new shared data.</returns>
    /// <exception cref="ArgumentException">The phase or message is empty, or the attempt is below 1.</exception>
    public SharedData WithError(PhaseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentException.ThrowIfNullOrEmpty(error.Phase, nameof(error));
        ArgumentException.ThrowIfNullOrEmpty(error.Message, nameof(error));
        if (error.Attempt < 1)
        {
            throw new ArgumentException($"PhaseError.Attempt is {error.Attempt}; attempts start at 1.", nameof(error));
        }

        return this with { Errors = Errors.Add(error) };
    }

    /// <summary>Records a phase's timing, replacing an earlier entry for the same phase.</summary>
    /// <param name="metrics">The timing.</param>
    /// <returns>The new shared data.</returns>
    /// <exception cref="ArgumentException">The phase is empty, the end precedes the start, or attempts is below 1.</exception>
    public SharedData WithPhaseMetrics(PhaseMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentException.ThrowIfNullOrEmpty(metrics.Phase, nameof(metrics));
        if (metrics.EndedAt < metrics.StartedAt)
        {
            throw new ArgumentException(
                $"PhaseMetrics for '{metrics.Phase}' ends ({metrics.EndedAt:O}) before it starts ({metrics.StartedAt:O}).", nameof(metrics));
        }

        if (metrics.Attempts < 1)
        {
            throw new ArgumentException($"PhaseMetrics for '{metrics.Phase}' has {metrics.Attempts} attempts; at least 1.", nameof(metrics));
        }

        return this with { Metrics = Metrics with { Phases = Metrics.Phases.SetItem(metrics.Phase, metrics) } };
    }

    /// <summary>
    /// Equal when both have the same schema version, phase outputs and metadata (compared as JSON values),
    /// errors (in order) and metrics.
    /// </summary>
    /// <param name="other">The shared data to compare with.</param>
    /// <returns><c>true</c> when the contents are equal.</returns>
    public bool Equals(SharedData? other) =>
        other is not null &&
        SchemaVersion == other.SchemaVersion &&
        SameJson(PhaseOutputs, other.PhaseOutputs) &&
        SameJson(Metadata, other.Metadata) &&
        Errors.SequenceEqual(other.Errors) &&
        Metrics.Equals(other.Metrics);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(SchemaVersion, PhaseOutputs.Count, Metadata.Count, Errors.Length, Metrics);

    /// <summary>Serializes to the documented JSON shape (snake_case, <c>schema_version</c> first).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, OrchestratorJson.Options);

    /// <summary>Reads the documented JSON shape.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The shared data.</returns>
    /// <exception cref="JsonException">The text is not a SharedData document of schema version 1.</exception>
    public static SharedData FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<SharedData>(json, OrchestratorJson.Options)
            ?? throw new JsonException("A SharedData document cannot be the JSON literal null; expected {\"schema_version\":1,...}.");
    }

    /// <inheritdoc/>
    void IJsonOnDeserialized.OnDeserialized()
    {
        if (SchemaVersion != CurrentSchemaVersion)
        {
            throw new JsonException(
                $"SharedData schema_version {SchemaVersion} is not supported; this version of Orchestrator reads schema_version {CurrentSchemaVersion}.");
        }

        foreach (var (index, error) in Errors.Index())
        {
            if (error is null || string.IsNullOrEmpty(error.Phase) || string.IsNullOrEmpty(error.Message) || error.Attempt < 1)
            {
                throw new JsonException(
                    $"SharedData errors[{index}] is invalid: it needs a phase, a message and an attempt of at least 1.");
            }
        }

        foreach (var (key, value) in Metadata)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                throw new JsonException($"SharedData metadata['{key}'] is null; stored metadata holds no nulls (a null change removes the key).");
            }
        }

        foreach (var (name, phase) in Metrics.Phases)
        {
            if (phase is null || phase.Phase != name || phase.EndedAt < phase.StartedAt || phase.Attempts < 1)
            {
                throw new JsonException(
                    $"SharedData metrics.phases['{name}'] is invalid: it needs phase '{name}', ended_at not before started_at, and attempts of at least 1.");
            }
        }
    }

    private static JsonElement Detach(JsonElement value) => value.ValueKind == JsonValueKind.Undefined
        ? JsonNull
        : value.Clone();

    private static void CheckDepth(JsonElement value, string what, string parameter)
    {
        if (JsonDepth.Exceeds(value, MaxValueDepth))
        {
            throw new ArgumentException(
                $"{what} nests objects and arrays deeper than {MaxValueDepth} levels, so SharedData could not be read back. Flatten it.", parameter);
        }
    }

    private static bool SameJson(ImmutableDictionary<string, JsonElement> left, ImmutableDictionary<string, JsonElement> right) =>
        left.Count == right.Count &&
        left.All(pair => right.TryGetValue(pair.Key, out var value) && JsonElement.DeepEquals(pair.Value, value));

    private static ImmutableDictionary<string, JsonElement> Ordinal(ImmutableDictionary<string, JsonElement>? value) =>
        (value ?? ImmutableDictionary<string, JsonElement>.Empty).WithComparers(StringComparer.Ordinal);
}
