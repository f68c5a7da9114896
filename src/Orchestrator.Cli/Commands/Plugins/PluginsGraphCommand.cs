using System.CommandLine;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Invocation;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts.Plugins;
using Orchestrator.Contracts.Problems;

namespace Orchestrator.Cli.Commands.Plugins;

/// <summary><c>plugins graph [--json]</c>: the dependency graph and the load order.</summary>
internal static class PluginsGraphCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var json = CommonOptions.Json();
        var command = new Command("graph", "Show the plugins' dependency graph and their load order.") { json };
        command.SetCliAction(async (invocation, cancellationToken) =>
        {
            var catalog = PluginCatalog.Load(context, invocation.Value(pluginPaths), cancellationToken);
            var output = invocation.Output;
            var resolution = catalog.Registry.Resolution;
            if (invocation.Value(json))
            {
                await CliJson.WriteAsync(output, new DependencyGraph(
                    [.. catalog.Discovery.Plugins.Select(p => new GraphNode(p.Name, p.Manifest.Version.ToString(), Status(catalog, p.Name)))],
                    [.. resolution.Edges.Select(GraphEdge.Of)],
                    [.. resolution.LoadOrder.Select(p => p.Name)],
                    [.. resolution.Rejections.Select(DiscoveryProblem.From)]));
                return OrchestratorCli.Success;
            }

            await output.WriteLineAsync("Dependency graph:");
            foreach (var plugin in catalog.Discovery.Plugins)
            {
                var status = Status(catalog, plugin.Name);
                await output.WriteLineAsync($"  {plugin.Name} {plugin.Manifest.Version}{(status == "loaded" ? string.Empty : $" [{status}]")}");
                foreach (var edge in resolution.Edges.Where(e => e.From == plugin.Name))
                {
                    var found = edge.FoundVersion is null ? "not found" : edge.Satisfied ? edge.FoundVersion.ToString() : $"found {edge.FoundVersion}, unsatisfied";
                    await output.WriteLineAsync($"    -> {edge.Dependency} ({found})");
                }
            }

            await output.WriteLineAsync();
            await output.WriteLineAsync("Load order:");
            var position = 1;
            foreach (var plugin in resolution.LoadOrder)
            {
                await output.WriteLineAsync($"  {position++}. {plugin.Name} {plugin.Manifest.Version}");
            }

            if (resolution.Rejections.Length > 0)
            {
                await output.WriteLineAsync();
                await output.WriteLineAsync("Rejected:");
                foreach (var rejection in resolution.Rejections)
                {
                    await output.WriteLineAsync($"  {rejection.PluginName}: {rejection.Message}");
                }
            }

            return OrchestratorCli.Success;
        });
        return command;
    }

    private static string Status(PluginCatalog catalog, string name) =>
        catalog.RejectionOf(name) is { } rejection ? CliJson.Name(rejection.Kind) : PluginFacts.Loaded;
}
