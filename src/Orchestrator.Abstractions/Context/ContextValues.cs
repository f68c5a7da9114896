using System.Collections;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Abstractions.Context;

/// <summary>Turns what callers store into the immutable representation a <see cref="PluginContext"/> keeps.</summary>
internal static class ContextValues
{
    /// <summary>How deeply lists and maps (and, separately, a JSON value) may nest.</summary>
    public const int MaxDepth = 64;

    public static object? Normalize(string key, object? value) => Normalize(key, value, 0);

    /// <summary>Names a stored value's type for error messages.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string => "a string",
        bool => "a bool",
        long => "an integer (Int64)",
        double => "a double",
        decimal => "a decimal",
        DateTimeOffset => "a DateTimeOffset",
        JsonElement json => $"a JSON {Describe(json.ValueKind)}",
        ImmutableArray<object?> => "a list",
        ImmutableDictionary<string, object?> => "a map",
        _ => value.GetType().Name,
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "undefined value",
    };

    private static object? Normalize(string key, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException(
                $"The value for context key '{key}' nests lists and maps deeper than {MaxDepth} levels (or contains itself). Flatten it.",
                nameof(value));
        }

        switch (value)
        {
            case null:
            case string:
            case bool:
            case long:
            case decimal:
            case DateTimeOffset:
                return value;
            case int i: return (long)i;
            case short s: return (long)s;
            case sbyte sb: return (long)sb;
            case byte b: return (long)b;
            case ushort us: return (long)us;
            case uint ui: return (long)ui;
            case ulong ul when ul <= long.MaxValue: return (long)ul;
            case ulong ul: return (decimal)ul;
            case double d: return CheckFinite(key, d);
            case float f: return CheckFinite(key, f);
            case JsonElement json: return NormalizeJson(key, json);
            case JsonNode node: return NormalizeJson(key, JsonSerializer.SerializeToElement(node));
            case JsonDocument document: return NormalizeJson(key, document.RootElement);
            case ImmutableArray<object?> list: return NormalizeList(key, list, depth);
            case ImmutableDictionary<string, object?> map: return NormalizeMap(key, map, depth);
            case IDictionary dictionary: return NormalizeDictionary(key, dictionary, depth);
            case IEnumerable<KeyValuePair<string, object?>> pairs: return NormalizePairs(key, pairs, depth);
            case IEnumerable items: return NormalizeEnumerable(key, items, depth);
            default:
                throw new ArgumentException(
                    $"Context key '{key}' cannot store a {value.GetType().FullName}. A PluginContext stores null, string, bool, " +
                    "integers (kept as Int64), float/double (finite), decimal, DateTimeOffset, JsonElement, and lists or " +
                    "string-keyed maps of these. Convert other objects first, for example with JsonSerializer.SerializeToElement.",
                    nameof(value));
        }
    }

    private static double CheckFinite(string key, double value) => double.IsFinite(value)
        ? value
        : throw new ArgumentException(
            $"Context key '{key}' cannot store the double {value}: JSON has no NaN or infinity. Store a finite number or null.",
            nameof(value));

    private static JsonElement NormalizeJson(string key, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Undefined)
        {
            throw new ArgumentException(
                $"Context key '{key}' cannot store an undefined JsonElement (default(JsonElement)). Store null or a parsed JSON value.",
                "value");
        }

        if (JsonDepth.Exceeds(json, MaxDepth))
        {
            throw new ArgumentException(
                $"The JSON value for context key '{key}' nests deeper than {MaxDepth} levels, too deep to serialize reliably. Flatten it.",
                "value");
        }

        return json.Clone();
    }

    private static ImmutableArray<object?> NormalizeList(string key, ImmutableArray<object?> list, int depth)
    {
        if (list.IsDefault)
        {
            return [];
        }

        ImmutableArray<object?>.Builder? builder = null;
        for (var i = 0; i < list.Length; i++)
        {
            var normalized = Normalize(key, list[i], depth + 1);
            if (builder is null && !ReferenceEquals(normalized, list[i]))
            {
                builder = ImmutableArray.CreateBuilder<object?>(list.Length);
                for (var j = 0; j < i; j++)
                {
                    builder.Add(list[j]);
                }
            }

            builder?.Add(normalized);
        }

        return builder is null ? list : builder.MoveToImmutable();
    }

    private static ImmutableDictionary<string, object?> NormalizeMap(string key, ImmutableDictionary<string, object?> map, int depth)
    {
        var result = map;
        foreach (var (name, item) in map)
        {
            var normalized = Normalize(key, item, depth + 1);
            if (!ReferenceEquals(normalized, item))
            {
                result = result.SetItem(name, normalized);
            }
        }

        return result.KeyComparer == StringComparer.Ordinal ? result : result.WithComparers(StringComparer.Ordinal);
    }

    private static ImmutableDictionary<string, object?> NormalizeDictionary(string key, IDictionary dictionary, int depth)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string name)
            {
                throw new ArgumentException(
                    $"Context key '{key}' holds a map with a {entry.Key.GetType().Name} key; map keys must be strings.",
                    "value");
            }

            builder[name] = Normalize(key, entry.Value, depth + 1);
        }

        return builder.ToImmutable();
    }

    private static ImmutableDictionary<string, object?> NormalizePairs(string key, IEnumerable<KeyValuePair<string, object?>> pairs, int depth)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        foreach (var (name, item) in pairs)
        {
            builder[name] = Normalize(key, item, depth + 1);
        }

        return builder.ToImmutable();
    }

    private static ImmutableArray<object?> NormalizeEnumerable(string key, IEnumerable items, int depth)
    {
        var builder = ImmutableArray.CreateBuilder<object?>();
        foreach (var item in items)
        {
            builder.Add(Normalize(key, item, depth + 1));
        }

        return builder.ToImmutable();
    }
}
