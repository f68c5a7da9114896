using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orchestrator.Server.OpenApi;

/// <summary>
/// Arrays, maps and any-JSON values are described inline, where they are used. They get a temporary component of
/// their own while the document is generated, because the schema exporter points a repeated unnamed schema at its first
/// occurrence by a JSON path (<c>#/components/schemas/RunRecord/properties/progress/properties/shared_data/properties/errors</c>),
/// which no longer resolves once the enclosing type is moved to its own component; a named schema is referenced by name
/// instead. <see cref="InlineSchemasTransformer"/> then puts each temporary component back in place.
/// </summary>
internal static class InlineSchemas
{
    public const string Prefix = "Inline.";

    /// <summary>The component id of a type: a temporary one for arrays, maps and any-JSON values, else the default.</summary>
    public static string? ReferenceId(JsonTypeInfo typeInfo)
    {
        var type = Nullable.GetUnderlyingType(typeInfo.Type) ?? typeInfo.Type;
        var inline = type == typeof(JsonElement)
            || typeInfo.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary
            || StringMapValueType(type) is not null;
        return inline ? Prefix + Name(type) : OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo);
    }

    /// <summary>The value type of a string-keyed immutable map (written by a converter, so the exporter cannot see it is a map).</summary>
    public static Type? StringMapValueType(Type type)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        return (definition == typeof(ImmutableDictionary<,>) || definition == typeof(ImmutableSortedDictionary<,>)) && arguments[0] == typeof(string)
            ? arguments[1]
            : null;
    }

    private static string Name(Type type)
    {
        var name = new StringBuilder();
        foreach (var c in type.ToString())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return name.ToString();
    }
}
