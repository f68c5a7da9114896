using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Context;

/// <summary>
/// The run's shared context as one phase attempt sees it: a view of the run's durable <see cref="SharedData"/>.
/// A phase reaches it as <see cref="PhaseRequest.Context"/> (or through <see cref="PhaseContextHelper"/>).
/// </summary>
/// <remarks>
/// <para>
/// Reads see the outputs of the phases that completed before this one (<see cref="GetPhaseOutput"/>) and the run
/// metadata (<see cref="Get"/> and the typed accessors), this attempt's own changes first. Writes
/// (<see cref="Set"/>, <see cref="Delete"/>, <see cref="Clear"/>) are this attempt's metadata changes
/// (<see cref="Changes"/>): when the attempt succeeds the executor adds them to its result and the engine merges
/// them into the run's shared data, durably, for the phases that follow. A failed attempt's changes are dropped,
/// so a retry starts from the same shared data. The context of a run lives as long as the run: it is purged with
/// the run when its retention has passed (see docs/shared-context.md#one-context).
/// </para>
/// <para>
/// Values are JSON, as the durable shared data holds them: <see cref="Set"/> serializes what it is given with
/// <see cref="OrchestratorJson.Options"/> (snake_case names), and a <c>null</c> removes the key, because the run's
/// metadata holds no nulls. Every member is thread-safe.
/// </para>
/// </remarks>
public sealed partial class PluginContext
{
    // A JSON null change is a removal; ConcurrentDictionary keeps reads lock-free while other threads write.
    private readonly ConcurrentDictionary<string, JsonElement> _changes = new(StringComparer.Ordinal);
    private readonly ImmutableDictionary<string, JsonElement> _phaseOutputs;
    private readonly ImmutableDictionary<string, JsonElement> _metadata;

    /// <summary>A context with no earlier outputs and no metadata, as the first phase of a new run sees it.</summary>
    public PluginContext()
        : this(null)
    {
    }

    /// <summary>A view of the given outputs of earlier phases and run metadata.</summary>
    /// <param name="phaseOutputs">The outputs of the phases that completed, by phase name.</param>
    /// <param name="metadata">The run metadata; a JSON <c>null</c> value counts as absent.</param>
    public PluginContext(IReadOnlyDictionary<string, JsonElement>? phaseOutputs, IReadOnlyDictionary<string, JsonElement>? metadata = null)
    {
        // Wrapping the run's immutable maps costs nothing; a null in metadata is skipped when read.
        _phaseOutputs = Ordinal(phaseOutputs);
        _metadata = Ordinal(metadata);
    }

    /// <summary>A view of a run's shared data: its phase outputs and metadata.</summary>
    /// <param name="shared">The shared data.</param>
    /// <returns>A context with no changes yet.</returns>
    public static PluginContext Of(SharedData shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        return new PluginContext(shared.PhaseOutputs, shared.Metadata);
    }

    /// <summary>The names of the phases whose output is available, in ordinal order.</summary>
    public IReadOnlyList<string> PhaseNames => [.. _phaseOutputs.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The number of metadata keys set, this attempt's changes included.</summary>
    public int Count => Keys().Count;

    /// <summary>
    /// This attempt's metadata changes, in the shape of <see cref="PhaseResult.Metadata"/>: a JSON <c>null</c>
    /// value removes the key.
    /// </summary>
    public ImmutableDictionary<string, JsonElement> Changes => _changes.IsEmpty
        ? ImmutableDictionary.Create<string, JsonElement>(StringComparer.Ordinal)
        : _changes.ToArray().ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Reads the output of an earlier phase if there is one.</summary>
    /// <param name="phase">The earlier phase's name.</param>
    /// <param name="output">Its output, or an undefined element.</param>
    /// <returns><c>true</c> when that phase has output in this run.</returns>
    public bool TryGetPhaseOutput(string phase, out JsonElement output)
    {
        ArgumentNullException.ThrowIfNull(phase);
        return _phaseOutputs.TryGetValue(phase, out output);
    }

    /// <summary>Reads the output of an earlier phase.</summary>
    /// <param name="phase">The earlier phase's name.</param>
    /// <returns>Its output.</returns>
    /// <exception cref="ContextKeyNotFoundException">That phase has no output in this run (the message lists those that do).</exception>
    public JsonElement GetPhaseOutput(string phase) => TryGetPhaseOutput(phase, out var output)
        ? output
        : throw new ContextKeyNotFoundException(
            phase,
            $"Phase '{phase}' has no output in this run. Phases with output: {(_phaseOutputs.IsEmpty ? "none" : string.Join(", ", PhaseNames))}. " +
            "Check the phase name and that it runs before this one, or use TryGetPreviousPhaseOutput.");

    /// <summary>Reads the output of an earlier phase as <typeparamref name="T"/> (snake_case JSON names).</summary>
    /// <typeparam name="T">The type to deserialize to.</typeparam>
    /// <param name="phase">The earlier phase's name.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ContextKeyNotFoundException">That phase has no output in this run.</exception>
    /// <exception cref="ContextValueTypeException">The output is JSON <c>null</c> or does not fit <typeparamref name="T"/>.</exception>
    public T GetPhaseOutput<T>(string phase) => ContextJson.Convert<T>(phase, GetPhaseOutput(phase));

    /// <summary>The metadata keys set, this attempt's changes included, in ordinal order.</summary>
    /// <returns>A snapshot of the keys.</returns>
    public IReadOnlyList<string> Keys()
    {
        // ToArray takes every lock of the dictionary, so the changes are one consistent snapshot.
        var changes = _changes.ToArray();
        var changed = changes.Select(change => change.Key).ToHashSet(StringComparer.Ordinal);
        return [.. _metadata.Where(entry => !changed.Contains(entry.Key) && !IsAbsent(entry.Value)).Select(entry => entry.Key)
            .Concat(changes.Where(change => !IsAbsent(change.Value)).Select(change => change.Key))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Reads a metadata value if the key is set (this attempt's changes first).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value, or an undefined element.</param>
    /// <returns><c>true</c> when the key is set.</returns>
    public bool TryGet(string key, out JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if ((_changes.TryGetValue(key, out value) || _metadata.TryGetValue(key, out value)) && !IsAbsent(value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Reads a metadata value (this attempt's changes first).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    public JsonElement Get(string key) => TryGet(key, out var value)
        ? value
        : throw new ContextKeyNotFoundException(
            key, $"Context key '{key}' is not set in this run's metadata. An earlier phase sets it with Set (or in its result's metadata); use TryGet when it may be absent.");

    /// <summary>Reads a metadata value as <typeparamref name="T"/> (snake_case JSON names).</summary>
    /// <typeparam name="T">The type to deserialize to.</typeparam>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    /// <exception cref="ContextValueTypeException">The value does not fit <typeparamref name="T"/>.</exception>
    public T Get<T>(string key) => ContextJson.Convert<T>(key, Get(key));

    /// <summary>Sets a metadata value for the phases that follow; merged into the run when this attempt succeeds.</summary>
    /// <param name="key">A non-empty key; keys are case-sensitive.</param>
    /// <param name="value">
    /// The value: a <see cref="JsonElement"/> as it is, anything else serialized with snake_case names. <c>null</c>
    /// (or JSON <c>null</c>) removes the key.
    /// </param>
    /// <exception cref="ArgumentException">
    /// The key is empty, the value does not serialize to JSON (NaN, a cycle), or it nests deeper than
    /// <see cref="SharedData.MaxValueDepth"/> levels.
    /// </exception>
    public void Set(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _changes[key] = ContextJson.ToJson(key, value);
    }

    /// <summary>Removes a metadata key for the phases that follow.</summary>
    /// <param name="key">The key.</param>
    /// <returns><c>true</c> when the key was set.</returns>
    public bool Delete(string key)
    {
        ArgumentNullException.ThrowIfNull(key);

        // Swap in the removal atomically, so of two threads deleting the same key only one sees it set.
        while (true)
        {
            if (_changes.TryGetValue(key, out var pending))
            {
                if (_changes.TryUpdate(key, ContextJson.Null, pending))
                {
                    return !IsAbsent(pending);
                }
            }
            else if (_changes.TryAdd(key, ContextJson.Null))
            {
                return _metadata.TryGetValue(key, out var earlier) && !IsAbsent(earlier);
            }
        }
    }

    /// <summary>Removes every metadata key for the phases that follow (earlier phases' outputs stay).</summary>
    public void Clear()
    {
        foreach (var key in _metadata.Keys.Concat(_changes.Keys).ToList())
        {
            _changes[key] = ContextJson.Null;
        }
    }

    /// <summary>Adds this attempt's changes to a result; on the same key, the context's change wins.</summary>
    /// <param name="result">The result the phase returned.</param>
    /// <returns>The result with <see cref="Changes"/> merged into its metadata.</returns>
    public PhaseResult ApplyTo(PhaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var changes = Changes;
        return changes.IsEmpty
            ? result
            : result with { Metadata = (result.Metadata ?? ImmutableDictionary<string, JsonElement>.Empty).SetItems(changes) };
    }

    private static bool IsAbsent(JsonElement value) => value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    private static ImmutableDictionary<string, JsonElement> Ordinal(IReadOnlyDictionary<string, JsonElement>? values) => values switch
    {
        null => ImmutableDictionary.Create<string, JsonElement>(StringComparer.Ordinal),
        ImmutableDictionary<string, JsonElement> immutable => immutable.WithComparers(StringComparer.Ordinal),
        _ => values.ToImmutableDictionary(StringComparer.Ordinal),
    };
}
