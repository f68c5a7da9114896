using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orchestrator.Server.OpenApi;

/// <summary>Replaces every reference to a temporary component (<see cref="InlineSchemas"/>) by its schema and removes those components.</summary>
internal sealed class InlineSchemasTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas is not { } schemas)
        {
            return Task.CompletedTask;
        }

        var temporary = schemas.Where(p => p.Key.StartsWith(InlineSchemas.Prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var id in temporary.Keys)
        {
            schemas.Remove(id);
        }

        var inliner = new Inliner(temporary);
        foreach (var schema in schemas.Values)
        {
            inliner.Visit(schema);
        }

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                parameter.Schema = inliner.Replace(parameter.Schema);
            }

            var contents = (operation.RequestBody?.Content?.Values ?? [])
                .Concat(operation.Responses?.Values.SelectMany(r => r.Content?.Values.AsEnumerable() ?? []) ?? []);
            foreach (var media in contents)
            {
                media.Schema = inliner.Replace(media.Schema);
            }
        }

        return Task.CompletedTask;
    }

    private sealed class Inliner(Dictionary<string, IOpenApiSchema> temporary)
    {
        private readonly HashSet<IOpenApiSchema> _visited = new(ReferenceEqualityComparer.Instance);

        public IOpenApiSchema? Replace(IOpenApiSchema? schema)
        {
            if (schema is OpenApiSchemaReference { Reference.Id: { } id } && temporary.TryGetValue(id, out var target))
            {
                Visit(target);
                return target;
            }

            Visit(schema);
            return schema;
        }

        public void Visit(IOpenApiSchema? schema)
        {
            if (schema is not OpenApiSchema node || !_visited.Add(node))
            {
                return;
            }

            node.Items = Replace(node.Items);
            node.AdditionalProperties = Replace(node.AdditionalProperties);
            foreach (var name in node.Properties?.Keys.ToList() ?? [])
            {
                node.Properties![name] = Replace(node.Properties[name])!;
            }

            foreach (var list in new[] { node.OneOf, node.AnyOf, node.AllOf })
            {
                for (var i = 0; i < (list?.Count ?? 0); i++)
                {
                    list![i] = Replace(list[i])!;
                }
            }
        }
    }
}
