using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Registry;
using Orchestrator.Server.Endpoints.Contracts;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary>The loaded plugins, manifest validation and reload.</summary>
internal static class PluginEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/plugins", (string? domain, IPluginCatalog catalog) =>
                Results.Json(
                    catalog.List()
                        .Where(p => domain is null || p.Manifest.Domains.Contains(domain, StringComparer.OrdinalIgnoreCase))
                        .Select(PluginJson.Summary).ToList(),
                    JsonBody.Options))
            .WithName("ListPlugins").WithSummary("The loaded plugins, optionally only those of one domain")
            .Produces<List<PluginSummaryResponse>>().ApiProblems();
        api.MapGet("/plugins/{name}", (string name, IPluginCatalog catalog) =>
                Results.Json(PluginJson.Detail(catalog.TryGet(name, out var plugin) ? plugin : throw PluginNotFoundException.For(name)), JsonBody.Options))
            .WithName("GetPlugin").WithSummary("A loaded plugin: manifest fields, phases, dependencies, config")
            .Produces<PluginDetailResponse>().ApiProblems(404);
        api.MapPost("/plugins/validate", ManifestValidation.ValidateAsync)
            .WithName("ValidateManifest").WithSummary("Validate a manifest sent as the body (YAML, or JSON with Content-Type application/json); lists every problem")
            .Accepts<string>("application/yaml", "application/json", "text/plain").Produces<ValidationResponse>().ApiProblems(400, 413);
        api.MapPost("/plugins/reload", async (PluginCatalog catalog, CancellationToken cancellationToken) =>
            {
                var result = await catalog.ReloadAsync(cancellationToken);
                return Results.Json(
                    new ReloadResponse(
                        [.. result.Added.Select(PluginJson.Name)],
                        [.. result.Updated.Select(u => $"{PluginJson.Name(u.Old)} -> {PluginJson.Name(u.New)}")],
                        [.. result.Removed.Select(PluginJson.Name)],
                        [.. result.Problems.Select(p => p.ToString())]),
                    JsonBody.Options);
            })
            .WithName("ReloadPlugins").WithSummary("Discover and load the plugins again now; runs in flight keep the version they started with")
            .Produces<ReloadResponse>().ApiProblems();
    }
}
