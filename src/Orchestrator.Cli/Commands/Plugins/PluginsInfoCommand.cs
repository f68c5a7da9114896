using System.CommandLine;
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
        var json = PluginsCommand.CreateJsonOption();
        var command = new Command("info", "Show everything about one plugin.") { name, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var catalog = PluginCatalog.Load(context, parseResult.GetValue(pluginPaths), cancellationToken);
            var pluginName = parseResult.GetRequiredValue(name);
            if (catalog.Discovery.Find(pluginName) is not { } plugin)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                    $"error: no plugin named '{pluginName}' was found; run 'orchestrator plugins list --all' to see what the search paths hold.");
                return OrchestratorCli.Failure;
            }

            var info = PluginDetail.From(plugin.Manifest, PluginFacts.Of(plugin, catalog.Registry, cancellationToken), Audience.Local);
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
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
