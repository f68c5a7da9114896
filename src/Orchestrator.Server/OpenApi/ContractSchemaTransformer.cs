using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Orchestrator.Contracts;

namespace Orchestrator.Server.OpenApi;

/// <summary>
/// Makes each schema say exactly what the contracts write (docs/rest-api.md#json-shapes): every key of a written
/// object is required (it is always present, null when absent), but for a property whose own condition can leave it
/// out; maps written by a converter are objects of their value type; any-JSON values are the empty schema; enums are
/// strings. Request bodies (<see cref="RequestBodyAttribute"/>) keep their keys optional.
/// </summary>
internal sealed class ContractSchemaTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var info = context.JsonTypeInfo;
        if (info.Type == typeof(JsonElement))
        {
            schema.Description ??= "Any JSON value.";
            return;
        }

        if (InlineSchemas.StringMapValueType(info.Type) is { } valueType && schema.Type is null && schema.Properties is not { Count: > 0 })
        {
            schema.Type = JsonSchemaType.Object;
            schema.AdditionalProperties = await context.GetOrCreateSchemaAsync(valueType, null, cancellationToken);
            return;
        }

        if (info.Type.IsEnum && schema.Enum is { Count: > 0 })
        {
            schema.Type = JsonSchemaType.String;
            return;
        }

        if (info.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 }
            && !info.Type.IsDefined(typeof(RequestBodyAttribute), inherit: false))
        {
            schema.Required = new HashSet<string>(
                info.Properties.Where(p => p.Get is not null && p.ShouldSerialize is null && schema.Properties.ContainsKey(p.Name)).Select(p => p.Name),
                StringComparer.Ordinal);
        }
    }
}
