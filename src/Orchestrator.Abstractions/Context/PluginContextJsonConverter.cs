using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Abstractions.Context;

/// <summary>
/// The typed JSON form of a <see cref="PluginContext"/>: every value is <c>null</c> or a one-property object
/// whose name is the value's type, so a round trip restores the exact types (see <see cref="PluginContext.ToJson"/>).
/// </summary>
internal sealed class PluginContextJsonConverter : JsonConverter<PluginContext>
{
    public const int SchemaVersion = 1;

    /// <summary>
    /// Options for <see cref="PluginContext.ToJson"/> and <see cref="PluginContext.FromJson"/>: the type tags add one
    /// JSON level per list or map level, so the reader and writer allow more than the default 64 levels.
    /// </summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private const string Expected =
        "expected null or an object with exactly one of: string, bool, long, double, decimal, date_time_offset, json, list, map";

    private const int MaxDepth = ContextValues.MaxDepth;

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { MaxDepth = 4 + (2 * ContextValues.MaxDepth) + ContextValues.MaxDepth };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public override PluginContext Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject, "a PluginContext document must be an object {\"schema_version\":1,\"values\":{...}}");
        int? version = null;
        KeyValuePair<string, object?>[]? entries = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            Next(ref reader);
            switch (property)
            {
                case "schema_version":
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var number) || number != SchemaVersion)
                    {
                        throw new JsonException($"PluginContext schema_version must be {SchemaVersion}; this document has another value or type.");
                    }

                    version = number;
                    break;
                case "values":
                    entries = ReadEntries(ref reader);
                    break;
                default:
                    throw new JsonException($"Unknown PluginContext property '{property}'; expected schema_version and values.");
            }
        }

        if (version is null || entries is null)
        {
            throw new JsonException("A PluginContext document needs both schema_version and values.");
        }

        return new PluginContext(null, entries);
    }

    public override void Write(Utf8JsonWriter writer, PluginContext value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("schema_version", SchemaVersion);
        writer.WriteStartObject("values");
        foreach (var (key, item) in value.Snapshot())
        {
            writer.WritePropertyName(key);
            WriteValue(writer, item);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        switch (value)
        {
            case string text:
                writer.WriteString("string", text);
                break;
            case bool flag:
                writer.WriteBoolean("bool", flag);
                break;
            case long number:
                writer.WriteNumber("long", number);
                break;
            case double number:
                writer.WriteNumber("double", number);
                break;
            case decimal number:
                writer.WriteNumber("decimal", number);
                break;
            case DateTimeOffset time:
                writer.WriteString("date_time_offset", time);
                break;
            case JsonElement json:
                writer.WritePropertyName("json");
                json.WriteTo(writer);
                break;
            case ImmutableArray<object?> list:
                writer.WriteStartArray("list");
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ImmutableDictionary<string, object?> map:
                writer.WriteStartObject("map");
                foreach (var name in map.Keys.Order(StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, map[name]);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new JsonException($"A PluginContext holds a {value.GetType().FullName}, which it never stores; this is a bug.");
        }

        writer.WriteEndObject();
    }

    private static KeyValuePair<string, object?>[] ReadEntries(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "PluginContext values must be an object of key: typed value");
        var entries = new List<KeyValuePair<string, object?>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            if (key.Length == 0 || !seen.Add(key))
            {
                throw new JsonException($"PluginContext values have an empty or duplicate key '{key}'.");
            }

            Next(ref reader);
            entries.Add(new(key, ReadValue(ref reader, key, 0)));
        }

        return [.. entries];
    }

    private static object? ReadValue(ref Utf8JsonReader reader, string key, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonException($"PluginContext value '{key}' nests deeper than {MaxDepth} levels.");
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject, $"PluginContext value '{key}': {Expected}");
        if (Next(ref reader) == JsonTokenType.EndObject)
        {
            throw new JsonException($"PluginContext value '{key}' is an empty object; {Expected}.");
        }

        var tag = reader.GetString();
        Next(ref reader);
        var value = tag switch
        {
            "string" when reader.TokenType == JsonTokenType.String => (object?)reader.GetString(),
            "bool" when reader.TokenType is JsonTokenType.True or JsonTokenType.False => reader.GetBoolean(),
            "long" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number) => number,
            "double" when reader.TokenType == JsonTokenType.Number => reader.GetDouble(),
            "decimal" when reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var exact) => exact,
            "date_time_offset" when reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var time) => time,
            "json" => JsonElement.ParseValue(ref reader),
            "list" when reader.TokenType == JsonTokenType.StartArray => ReadList(ref reader, key, depth),
            "map" when reader.TokenType == JsonTokenType.StartObject => ReadMap(ref reader, key, depth),
            _ => throw new JsonException($"PluginContext value '{key}' has tag '{tag}' with a {reader.TokenType} value; {Expected}, each with a value of that type."),
        };

        if (Next(ref reader) != JsonTokenType.EndObject)
        {
            throw new JsonException($"PluginContext value '{key}' has more than one property; {Expected}.");
        }

        return value;
    }

    private static ImmutableArray<object?> ReadList(ref Utf8JsonReader reader, string key, int depth)
    {
        var builder = ImmutableArray.CreateBuilder<object?>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            builder.Add(ReadValue(ref reader, key, depth + 1));
        }

        return builder.ToImmutable();
    }

    private static ImmutableDictionary<string, object?> ReadMap(ref Utf8JsonReader reader, string key, int depth)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            Next(ref reader);
            if (builder.ContainsKey(name))
            {
                throw new JsonException($"PluginContext value '{key}' has a map with the duplicate key '{name}'.");
            }

            builder[name] = ReadValue(ref reader, key, depth + 1);
        }

        return builder.ToImmutable();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) => reader.Read()
        ? reader.TokenType
        : throw new JsonException("The PluginContext document ends too early.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string message)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"{message} (found {reader.TokenType}).");
        }
    }
}
