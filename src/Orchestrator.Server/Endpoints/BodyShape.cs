using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Orchestrator.Server.Endpoints;

/// <summary>
/// Checks a request body against the contract it is read into, field by field, and says what is wrong in JSON's terms
/// (an unknown field, a field that must be a string or an object) rather than naming the .NET types behind it.
/// </summary>
internal static class BodyShape
{
    /// <summary>Every problem of <paramref name="body"/> as the contract <paramref name="contract"/>; empty when it fits.</summary>
    public static IReadOnlyList<string> Problems(JsonElement body, JsonTypeInfo contract)
    {
        var fields = contract.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            return [$"the body must be a JSON object with the fields {string.Join(", ", fields.Keys)}, not {Kind(body.ValueKind)}"];
        }

        var problems = new List<string>();
        foreach (var property in body.EnumerateObject())
        {
            if (!fields.TryGetValue(property.Name, out var field))
            {
                problems.Add($"unknown field '{Short(property.Name)}'; the fields are {string.Join(", ", fields.Keys)}");
            }
            else if (Expected(field.PropertyType) is { } expected && !expected.Accepts(property.Value.ValueKind))
            {
                problems.Add($"field '{field.Name}' must be {expected.Text}, not {Kind(property.Value.ValueKind)}");
            }
        }

        return problems;
    }

    /// <summary>What a field of this type accepts; null for any JSON value.</summary>
    private static Expectation? Expected(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null || !type.IsValueType;
        var core = underlying ?? type;
        if (core == typeof(JsonElement))
        {
            return null;
        }

        if (core == typeof(string))
        {
            return new Expectation("a string", nullable, JsonValueKind.String);
        }

        if (core == typeof(bool))
        {
            return new Expectation("true or false", nullable, JsonValueKind.True, JsonValueKind.False);
        }

        if (core.IsPrimitive || core == typeof(decimal))
        {
            return new Expectation("a number", nullable, JsonValueKind.Number);
        }

        return core.IsAssignableTo(typeof(System.Collections.IDictionary))
            ? new Expectation("an object", nullable, JsonValueKind.Object)
            : core.IsAssignableTo(typeof(System.Collections.IEnumerable))
                ? new Expectation("an array", nullable, JsonValueKind.Array)
                : new Expectation("an object", nullable, JsonValueKind.Object);
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Short(string name) => name.Length <= 60 ? name : name[..60] + "…";

    private sealed class Expectation(string text, bool nullable, params JsonValueKind[] kinds)
    {
        public string Text { get; } = nullable ? text + " (or null)" : text;

        public bool Accepts(JsonValueKind kind) => kinds.Contains(kind) || (nullable && kind == JsonValueKind.Null);
    }
}
