using Microsoft.OpenApi;

namespace Orchestrator.Server.OpenApi;

/// <summary>An optional query parameter as the OpenAPI document shows it.</summary>
internal sealed record QueryParameter(string Name, string Description, OpenApiSchema Schema)
{
    public static QueryParameter Text(string name, string description, string? format = null) =>
        new(name, description, new OpenApiSchema { Type = JsonSchemaType.String, Format = format });

    public static QueryParameter Flag(string name, string description) =>
        new(name, description, new OpenApiSchema { Type = JsonSchemaType.Boolean });
}
