using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Abstractions.Context;

/// <summary>Typed accessors: each throws <see cref="ContextKeyNotFoundException"/> or <see cref="ContextValueTypeException"/>.</summary>
public sealed partial class PluginContext
{
    private const string IntegerType = "an integer (Int64)";

    /// <summary>Reads a string: a stored string or a JSON string.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The string.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    /// <exception cref="ContextValueTypeException">The value is not a string (a null is not a string either).</exception>
    public string GetString(string key) => Get(key) switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } json => json.GetString()!,
        var other => throw WrongType(key, "a string", other),
    };

    /// <summary>
    /// Reads an integer: any stored integer (kept as Int64), a JSON number that is a whole number in Int64 range,
    /// or a double or decimal with no fractional part in Int64 range. Strings are not parsed.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    /// <exception cref="ContextValueTypeException">The value is not a whole number in Int64 range.</exception>
    public long GetInt64(string key)
    {
        var value = Get(key);
        return TryConvertInt64(value, out var result) ? result : throw WrongType(key, IntegerType, value);
    }

    /// <summary>Reads an integer with the conversions of <see cref="GetInt64"/>, then checks it fits an Int32.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    /// <exception cref="ContextValueTypeException">The value is not a whole number in Int32 range.</exception>
    public int GetInt32(string key)
    {
        var value = Get(key);
        if (!TryConvertInt64(value, out var result))
        {
            throw WrongType(key, "an integer (Int32)", value);
        }

        return result is >= int.MinValue and <= int.MaxValue
            ? (int)result
            : throw new ContextValueTypeException(key, "an integer (Int32)", $"the integer {result}, outside the Int32 range");
    }

    /// <summary>Reads a boolean: a stored bool or JSON <c>true</c>/<c>false</c>. Strings are not parsed.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The boolean.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    /// <exception cref="ContextValueTypeException">The value is not a boolean.</exception>
    public bool GetBool(string key) => Get(key) switch
    {
        bool flag => flag,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        var other => throw WrongType(key, "a bool", other),
    };

    /// <summary>
    /// Reads a map: a stored map (from any string-keyed dictionary), or a JSON object, whose property values
    /// become <see cref="JsonElement"/> values of the map. The map is immutable: change it with
    /// <c>SetItem</c>/<c>Remove</c> and <see cref="Set"/> the result.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <returns>The map, with ordinal keys.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    /// <exception cref="ContextValueTypeException">The value is not a map or JSON object.</exception>
    public ImmutableDictionary<string, object?> GetMap(string key)
    {
        switch (Get(key))
        {
            case ImmutableDictionary<string, object?> map:
                return map;
            case JsonElement { ValueKind: JsonValueKind.Object } json:
                var builder = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
                foreach (var property in json.EnumerateObject())
                {
                    builder[property.Name] = property.Value;
                }

                return builder.ToImmutable();
            case var other:
                throw WrongType(key, "a map", other);
        }
    }

    /// <summary>
    /// Reads a list: a stored list (from any enumerable), or a JSON array, whose items become
    /// <see cref="JsonElement"/> values of the list.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <returns>The immutable list.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    /// <exception cref="ContextValueTypeException">The value is not a list or JSON array.</exception>
    public ImmutableArray<object?> GetList(string key) => Get(key) switch
    {
        ImmutableArray<object?> list => list,
        JsonElement { ValueKind: JsonValueKind.Array } json => [.. json.EnumerateArray().Select(static item => (object?)item)],
        var other => throw WrongType(key, "a list", other),
    };

    private static bool TryConvertInt64(object? value, out long result)
    {
        switch (value)
        {
            case long number:
                result = number;
                return true;
            case JsonElement { ValueKind: JsonValueKind.Number } json when json.TryGetInt64(out result):
                return true;
            case JsonElement { ValueKind: JsonValueKind.Number } json when json.TryGetDecimal(out var exact):
                return TryConvertInt64(exact, out result);
            case double number when double.IsInteger(number) && number >= long.MinValue && number < 9.2233720368547758E18:
                result = (long)number;
                return true;
            case decimal number when decimal.IsInteger(number) && number is >= long.MinValue and <= long.MaxValue:
                result = (long)number;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    private static ContextValueTypeException WrongType(string key, string expected, object? actual) =>
        new(key, expected, ContextValues.Describe(actual) + (actual is double or decimal or JsonElement { ValueKind: JsonValueKind.Number }
            ? $" ({FormatNumber(actual)})"
            : string.Empty));

    private static string FormatNumber(object? value) => value switch
    {
        double number => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        decimal number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonElement json => json.GetRawText(),
        _ => string.Empty,
    };
}
