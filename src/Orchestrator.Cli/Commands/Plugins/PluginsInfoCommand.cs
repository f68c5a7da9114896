using System.CommandLine;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Invocation;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Plugins;

namespace Orchestrator.Cli.Commands.Plugins;

/// <summary><c>plugins info NAME [--json]</c>: every manifest field, the phases, dependencies and path.</summary>
internal static class PluginsInfoCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var name = new Argument<string>("NAME") { Description = "The plugin's name." };
        var json = CommonOptions.Json();
        var command = new Command("info", "Show everything about one plugin.") { name, json };
        command.SetCliAction(async (invocation, cancellationToken) =>
        {
            var catalog = PluginCatalog.Load(context, invocation.Value(pluginPaths), cancellationToken);
            var pluginName = invocation.Required(name);
            var plugin = catalog.Discovery.Find(pluginName)
                ?? throw new CommandFailedException($"no plugin named '{pluginName}' was found; run 'orchestrator plugins list --all' to see what the search paths hold.");

            var info = PluginDetail.From(plugin.Manifest, PluginFacts.Of(plugin, catalog.Registry, cancellationToken), Audience.Local);
            var output = invocation.Output;
            if (invocation.Value(json))
            {
                await CliJson.WriteAsync(output, info);
            }
            else
            {
                await PluginInfoText.WriteAsync(output, info);
            }

            return OrchestratorCli.Success;
        });
        return command;
    }
}
