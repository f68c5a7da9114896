using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Abstractions.Context;

/// <summary>Typed accessors: each throws <see cref="ContextKeyNotFoundException"/> or <see cref="ContextValueTypeException"/>.</summary>
public sealed partial class PluginContext
{
    /// <summary>Reads a JSON string.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The string.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    /// <exception cref="ContextValueTypeException">The value is not a JSON string.</exception>
    public string GetString(string key) => Get(key) is var json && json.ValueKind == JsonValueKind.String
        ? json.GetString()!
        : throw WrongType(key, "a string", json);

    /// <summary>Reads a JSON number that is a whole number in Int64 range (<c>3.0</c> included). Strings are not parsed.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    /// <exception cref="ContextValueTypeException">The value is not a whole number in Int64 range.</exception>
    public long GetInt64(string key) => Get(key) is var json && TryConvertInt64(json, out var result)
        ? result
        : throw WrongType(key, "an integer (Int64)", json);

    /// <summary>Reads an integer with the conversions of <see cref="GetInt64"/>, then checks it fits an Int32.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    /// <exception cref="ContextValueTypeException">The value is not a whole number in Int32 range.</exception>
    public int GetInt32(string key) => Get(key) is var json && TryConvertInt64(json, out var result) && result is >= int.MinValue and <= int.MaxValue
        ? (int)result
        : throw WrongType(key, "an integer (Int32)", json);

    /// <summary>Reads JSON <c>true</c> or <c>false</c>. Strings are not parsed.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The boolean.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    /// <exception cref="ContextValueTypeException">The value is not a JSON boolean.</exception>
    public bool GetBool(string key) => Get(key) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        var json => throw WrongType(key, "a bool", json),
    };

    /// <summary>Reads a JSON object as a map of its properties. Change it and <see cref="Set"/> the result to write it back.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The map, with ordinal keys.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    /// <exception cref="ContextValueTypeException">The value is not a JSON object.</exception>
    public ImmutableDictionary<string, JsonElement> GetMap(string key) => Get(key) is var json && json.ValueKind == JsonValueKind.Object
        ? json.EnumerateObject().ToImmutableDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
        : throw WrongType(key, "a map", json);

    /// <summary>Reads a JSON array as a list of its items.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The items.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    /// <exception cref="ContextValueTypeException">The value is not a JSON array.</exception>
    public ImmutableArray<JsonElement> GetList(string key) => Get(key) is var json && json.ValueKind == JsonValueKind.Array
        ? [.. json.EnumerateArray()]
        : throw WrongType(key, "a list", json);

    private static bool TryConvertInt64(JsonElement value, out long result)
    {
        result = 0;
        if (value.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetInt64(out result))
        {
            return true;
        }

        if (value.TryGetDecimal(out var exact) && decimal.IsInteger(exact) && exact is >= long.MinValue and <= long.MaxValue)
        {
            result = (long)exact;
            return true;
        }

        return false;
    }

    private static ContextValueTypeException WrongType(string key, string expected, JsonElement actual) => new(key, expected, ContextJson.Describe(actual));
}
