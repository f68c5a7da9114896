using System.Globalization;
using System.Text.Json;

namespace Orchestrator.Abstractions.Context;

/// <summary>How the context turns values into the JSON the run's shared data holds, and back.</summary>
internal static class ContextJson
{
    public static readonly JsonElement Null = JsonSerializer.SerializeToElement<object?>(null);

    /// <summary>A value as run metadata holds it: a JSON element as it is, anything else serialized with snake_case names.</summary>
    /// <exception cref="ArgumentException">The value cannot be serialized, or nests deeper than <see cref="SharedData.MaxValueDepth"/>.</exception>
    public static JsonElement ToJson(string key, object? value, Type? declaredType = null)
    {
        JsonElement json;
        try
        {
            json = value switch
            {
                null => Null,
                JsonElement { ValueKind: JsonValueKind.Undefined } => Null,
                JsonElement element => element.Clone(),
                _ => JsonSerializer.SerializeToElement(value, declaredType ?? value.GetType(), OrchestratorJson.Options),
            };
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new ArgumentException(
                $"Context key '{key}' cannot hold this {value!.GetType().Name}: the run's metadata is JSON and it does not serialize ({e.Message}). " +
                "Store finite numbers, strings, booleans, lists, maps or records.",
                nameof(value),
                e);
        }

        if (JsonDepth.Exceeds(json, SharedData.MaxValueDepth))
        {
            throw new ArgumentException(
                $"Metadata value '{key}' nests deeper than {SharedData.MaxValueDepth} levels, more than the run's shared data can hold. Flatten it.",
                nameof(value));
        }

        return json;
    }

    /// <summary>Deserializes a context value with snake_case names; a mismatch names the key and both types.</summary>
    public static T Convert<T>(string key, JsonElement json)
    {
        var expected = typeof(T).Name;
        try
        {
            return json.Deserialize<T>(OrchestratorJson.Options)
                ?? throw new ContextValueTypeException(key, expected, "JSON null");
        }
        catch (JsonException exception)
        {
            throw new ContextValueTypeException(key, expected, $"a JSON {Kind(json.ValueKind)} that does not fit it ({exception.Message})", exception);
        }
        catch (NotSupportedException exception)
        {
            throw new ContextValueTypeException(key, expected, $"JSON that System.Text.Json cannot convert to it ({exception.Message})", exception);
        }
    }

    /// <summary>Names a JSON value for error messages: <c>a JSON string</c>, <c>a JSON number (3.5)</c>.</summary>
    public static string Describe(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? string.Create(CultureInfo.InvariantCulture, $"a JSON number ({value.GetRawText()})")
        : $"a JSON {Kind(value.ValueKind)}";

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "undefined value",
    };
}
