using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Plugins;
using Orchestrator.Contracts.Problems;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Registry;
using Orchestrator.Server.OpenApi;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary>The loaded plugins, manifest validation and reload.</summary>
internal static class PluginEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/plugins", List)
            .WithName("ListPlugins").WithSummary("The loaded plugins, optionally only those of one domain; all=true adds those not loaded, with every problem")
            .Produces<PluginList>().ApiProblems()
            .WithQuery(
                QueryParameter.Text("domain", "Only the plugins serving this domain (case-insensitive)."),
                QueryParameter.Flag("all", "Also list the plugins found but not loaded, and every problem (as `plugins list --all`)."));
        api.MapGet("/plugins/{name}", (string name, IPluginCatalog catalog) =>
                Results.Json(
                    PluginDetail.From(catalog.TryGet(name, out var plugin) ? plugin.Manifest : throw PluginNotFoundException.For(name), PluginFacts.Of(plugin, catalog), Audience.Remote),
                    ContractJson.Options))
            .WithName("GetPlugin").WithSummary("A loaded plugin: manifest fields, phases, dependencies, config")
            .Produces<PluginDetail>().ApiProblems(404);
        api.MapPost("/plugins/validate", ManifestValidation.ValidateAsync)
            .WithName("ValidateManifest").WithSummary("Validate a manifest sent as the body (YAML, or JSON with Content-Type application/json); lists every problem")
            .Accepts<string>("application/yaml", "application/json", "text/plain").Produces<ValidationResult>().ApiProblems(400, 413)
            .WithQuery(QueryParameter.Text("format", "yaml or json; by default JSON when the Content-Type says so or the body starts with '{', else YAML."));
        api.MapPost("/plugins/reload", async (PluginCatalog catalog, CancellationToken cancellationToken) =>
            {
                var result = await catalog.ReloadAsync(cancellationToken);
                return Results.Json(ReloadResult.From(catalog.List().Select(p => p.Identity), result, result.Problems), ContractJson.Options);
            })
            .WithName("ReloadPlugins").WithSummary("Discover and load the plugins again now; runs in flight keep the version they started with")
            .Produces<ReloadResult>().ApiProblems();
    }

    private static IResult List(string? domain, string? all, PluginCatalog catalog)
    {
        var withProblems = QueryFlag.Read("all", all);
        bool InDomain(IEnumerable<string> domains) => domain is null || domains.Contains(domain, StringComparer.OrdinalIgnoreCase);
        var loaded = catalog.List().Where(p => InDomain(p.Manifest.Domains)).Select(p => PluginSummary.From(p, Audience.Remote));
        var problems = withProblems
            ? catalog.Problems.Where(p => p.Manifest is { } manifest ? InDomain(manifest.Domains) : domain is null).ToList()
            : [];
        return Results.Json(PluginList.From(loaded, problems, Audience.Remote), ContractJson.Options);
    }
}
