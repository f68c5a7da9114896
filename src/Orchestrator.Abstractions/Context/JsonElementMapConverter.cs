using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Abstractions.Context;

/// <summary>
/// Writes a map of JSON values with its keys in ordinal order, so the same content always gives the same text
/// (string hashing differs per process, so plain dictionary order would not).
/// </summary>
internal sealed class JsonElementMapConverter : JsonConverter<ImmutableDictionary<string, JsonElement>>
{
    public override ImmutableDictionary<string, JsonElement> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object of name: JSON value, found {reader.TokenType}.");
        }

        var builder = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (builder.ContainsKey(name))
            {
                throw new JsonException($"Duplicate key '{name}'.");
            }

            builder[name] = JsonElement.ParseValue(ref reader);
        }

        return builder.ToImmutable();
    }

    public override void Write(Utf8JsonWriter writer, ImmutableDictionary<string, JsonElement> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var name in value.Keys.Order(StringComparer.Ordinal))
        {
            writer.WritePropertyName(name);
            var item = value[name];
            if (item.ValueKind == JsonValueKind.Undefined)
            {
                writer.WriteNullValue();
            }
            else
            {
                item.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}
