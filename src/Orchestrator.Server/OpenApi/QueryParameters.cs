using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;

namespace Orchestrator.Server.OpenApi;

/// <summary>
/// Describes query parameters in the OpenAPI document: for endpoints that read the query themselves (to report every bad
/// parameter at once) and to give bound ones a description.
/// </summary>
internal static class QueryParameters
{
    public static TBuilder WithQuery<TBuilder>(this TBuilder builder, params QueryParameter[] parameters)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var parameter in parameters)
            {
                var existing = operation.Parameters.FirstOrDefault(p => p.Name == parameter.Name && p.In == ParameterLocation.Query);
                if (existing is not null)
                {
                    operation.Parameters.Remove(existing);
                }

                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = parameter.Name,
                    In = ParameterLocation.Query,
                    Description = parameter.Description,
                    Required = false,
                    Schema = parameter.Schema,
                });
            }

            return Task.CompletedTask;
        });
}
