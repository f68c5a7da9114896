using Microsoft.AspNetCore.OpenApi;

namespace Orchestrator.Server.OpenApi;

/// <summary>How the OpenAPI document (<c>/openapi/v1.json</c>) is built from the endpoints and the contracts.</summary>
internal static class OpenApiDocumentSetup
{
    public static void Configure(OpenApiOptions options)
    {
        options.CreateSchemaReferenceId = InlineSchemas.ReferenceId;
        options.AddSchemaTransformer<ContractSchemaTransformer>();
        options.AddDocumentTransformer<ApiDocumentTransformer>();
        options.AddDocumentTransformer<InlineSchemasTransformer>();
    }
}
