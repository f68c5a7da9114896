using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Abstractions.Context;

/// <summary>
/// A thread-safe key/value store that phases of one run (or one session of a <see cref="ContextManager"/>) share.
/// </summary>
/// <remarks>
/// <para>
/// Values are normalized when stored, into an immutable representation, so nothing a caller keeps a reference to
/// can change a stored value, and <see cref="Clone"/> is a true deep copy:
/// <c>null</c>; <see cref="string"/>; <see cref="bool"/>; every integer type, stored as <see cref="long"/>
/// (a <see cref="ulong"/> above <see cref="long.MaxValue"/> is stored as <see cref="decimal"/>);
/// <see cref="float"/> and <see cref="double"/>, stored as a finite <see cref="double"/>; <see cref="decimal"/>;
/// <see cref="DateTimeOffset"/>; <see cref="JsonElement"/> (also from a <c>JsonNode</c> or <c>JsonDocument</c>),
/// stored as an independent clone; any string-keyed dictionary, stored as
/// <c>ImmutableDictionary&lt;string, object?&gt;</c> (ordinal keys); any other enumerable, stored as
/// <c>ImmutableArray&lt;object?&gt;</c>. Lists and maps nest at most 64 levels, and so does a JSON value.
/// Anything else (a POCO, an enum, a <see cref="DateTime"/>, a <see cref="Guid"/>, NaN) is rejected with an
/// <see cref="ArgumentException"/> that names the key.
/// </para>
/// <para>
/// Every operation is atomic; <see cref="Keys"/>, <see cref="Clone"/> and JSON serialization see a consistent
/// snapshot. The JSON form (see <see cref="ToJson"/>) tags every value with its type, so a round trip keeps
/// a <see cref="long"/> a <see cref="long"/> and a map a map. <see cref="ToJson"/> and <see cref="FromJson"/>
/// handle every storable value; <c>JsonSerializer</c> with other options uses the same shape but its
/// <c>MaxDepth</c> (64 by default) limits how deeply nested a context it accepts.
/// </para>
/// </remarks>
[JsonConverter(typeof(PluginContextJsonConverter))]
public sealed partial class PluginContext
{
    private readonly ConcurrentDictionary<string, object?> _values;
    private readonly AccessTracker? _tracker;

    /// <summary>Creates an empty context.</summary>
    public PluginContext()
        : this(null)
    {
    }

    internal PluginContext(AccessTracker? tracker, IEnumerable<KeyValuePair<string, object?>>? values = null)
    {
        _tracker = tracker;
        _values = values is null
            ? new ConcurrentDictionary<string, object?>(StringComparer.Ordinal)
            : new ConcurrentDictionary<string, object?>(values, StringComparer.Ordinal);
    }

    /// <summary>The number of keys set.</summary>
    public int Count
    {
        get
        {
            _tracker?.Touch();
            return _values.Count;
        }
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing what was there.</summary>
    /// <param name="key">A non-empty key; keys are case-sensitive.</param>
    /// <param name="value">A supported value (see the class remarks); it is normalized and copied.</param>
    /// <exception cref="ArgumentException">The key is empty or the value's type cannot be stored.</exception>
    public void Set(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var normalized = ContextValues.Normalize(key, value);
        _tracker?.Touch();
        _values[key] = normalized;
    }

    /// <summary>Reads the value stored under <paramref name="key"/>, in its stored representation.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The stored value (see the class remarks for the types it can be).</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    public object? Get(string key) => TryGet(key, out var value) ? value : throw new ContextKeyNotFoundException(key);

    /// <summary>Reads the value stored under <paramref name="key"/> if there is one.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The stored value, or <c>null</c> when the key is not set.</param>
    /// <returns><c>true</c> when the key is set (its value may be <c>null</c>).</returns>
    public bool TryGet(string key, out object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        _tracker?.Touch();
        return _values.TryGetValue(key, out value);
    }

    /// <summary>Removes <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns><c>true</c> when the key was set.</returns>
    public bool Delete(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _tracker?.Touch();
        return _values.TryRemove(key, out _);
    }

    /// <summary>Removes every key.</summary>
    public void Clear()
    {
        _tracker?.Touch();
        _values.Clear();
    }

    /// <summary>A snapshot of the keys set, in ordinal order.</summary>
    /// <returns>The keys.</returns>
    public IReadOnlyList<string> Keys()
    {
        _tracker?.Touch();
        var keys = _values.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        return keys;
    }

    /// <summary>
    /// A deep copy: an independent context holding the same keys and values, with the same types. Stored values
    /// are immutable, so the copy shares no mutable state with this context.
    /// </summary>
    /// <returns>The copy (not attached to any session).</returns>
    public PluginContext Clone() => new(null, Snapshot());

    /// <summary>Serializes the context to its typed JSON form.</summary>
    /// <returns>
    /// <c>{"schema_version":1,"values":{"key":TAGGED,...}}</c> with keys in ordinal order, where TAGGED is
    /// <c>null</c> or an object with one property naming the type: <c>{"string":"x"}</c>, <c>{"bool":true}</c>,
    /// <c>{"long":42}</c>, <c>{"double":0.5}</c>, <c>{"decimal":12.50}</c>,
    /// <c>{"date_time_offset":"2026-01-02T03:04:05+01:00"}</c>, <c>{"json":ANY_JSON}</c>,
    /// <c>{"list":[TAGGED,...]}</c> or <c>{"map":{"k":TAGGED,...}}</c>.
    /// </returns>
    public string ToJson() => JsonSerializer.Serialize(this, PluginContextJsonConverter.Options);

    /// <summary>Reads a context written by <see cref="ToJson"/> (or by serializing a <see cref="PluginContext"/>).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>A new context, not attached to any session.</returns>
    /// <exception cref="JsonException">The text is not a valid context document; the message says where and why.</exception>
    public static PluginContext FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<PluginContext>(json, PluginContextJsonConverter.Options)
            ?? throw new JsonException("A PluginContext document cannot be the JSON literal null; expected {\"schema_version\":1,\"values\":{...}}.");
    }

    /// <summary>A consistent snapshot of every entry, in ordinal key order.</summary>
    internal KeyValuePair<string, object?>[] Snapshot()
    {
        _tracker?.Touch();

        // ConcurrentDictionary.ToArray takes every lock, so the snapshot is never torn.
        var entries = _values.ToArray();
        Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return entries;
    }
}
