using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Orchestrator.Server.Security;

namespace Orchestrator.Server.OpenApi;

/// <summary>
/// The document-wide parts of the OpenAPI document: what the API is, the server address without a trailing slash,
/// the API key schemes applied to every <c>/api</c> operation, the 403 of cross-site browser requests on every
/// state-changing one, and one tag per resource.
/// </summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Runs", "Start runs, follow them, approve or reject their approval phases, act on them and purge them."),
        ("Workflows", "The workflows that can be started."),
        ("Plugins", "The loaded plugins, manifest validation and reload."),
        ("Health", "Liveness and readiness; no API key needed."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Orchestrator REST API",
            Version = "v1",
            Description = "Start, follow and control workflow and plugin runs (docs/rest-api.md). Every key of a response is "
                + "always present, null when it has no value. Failures are RFC 7807 problem details listing every problem in 'errors'.",
        };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyMiddleware.HeaderName,
            Description = KeyNote("the X-Api-Key header"),
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = KeyNote("'Authorization: Bearer KEY'"),
        };

        document.Tags = new HashSet<OpenApiTag>([.. Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description })]);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations?.ToList() ?? [])
            {
                var api = path.StartsWith("/api/", StringComparison.Ordinal);
                operation.Tags = new HashSet<OpenApiTagReference> { new(TagOf(path), document) };

                // Either key scheme on /api; an empty requirement on the health probes says they need none.
                operation.Security = api
                    ? [Requirement(ApiKeyScheme, document), Requirement(BearerScheme, document)]
                    : [new OpenApiSecurityRequirement()];
                if (method != HttpMethod.Get && operation.Responses?.TryGetValue("401", out var unauthorized) == true)
                {
                    // Written by BrowserOriginMiddleware, before any route: the same problem body as the key check's.
                    operation.Responses["403"] = new OpenApiResponse
                    {
                        Description = "A browser sent the request for a page of another origin (docs/rest-api.md#browser-requests)",
                        Content = unauthorized.Content,
                    };
                }
            }
        }

        return Task.CompletedTask;
    }

    private static string KeyNote(string how) =>
        $"An API key in {how}. Enforced only when the server has keys configured (Server:ApiKeys, e.g. ORCHESTRATOR_SERVER__APIKEYS__0); "
        + "without keys every route is open.";

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static string TagOf(string path) => path switch
    {
        _ when path.StartsWith("/api/runs", StringComparison.Ordinal) || path.EndsWith("/runs", StringComparison.Ordinal) => "Runs",
        _ when path.StartsWith("/api/workflows", StringComparison.Ordinal) => "Workflows",
        _ when path.StartsWith("/api/plugins", StringComparison.Ordinal) => "Plugins",
        _ => "Health",
    };
}
