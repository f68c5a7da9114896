using System.CommandLine;

namespace Orchestrator.Cli.Commands.Plugins;

/// <summary><c>orchestrator plugins list|info|validate|graph|exec|reload</c>.</summary>
internal static class PluginsCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var command = new Command("plugins", "Discover, inspect, validate, run and reload plugins.");
        command.Subcommands.Add(PluginsListCommand.Create(context, pluginPaths));
        command.Subcommands.Add(PluginsInfoCommand.Create(context, pluginPaths));
        command.Subcommands.Add(PluginsValidateCommand.Create());
        command.Subcommands.Add(PluginsGraphCommand.Create(context, pluginPaths));
        command.Subcommands.Add(PluginsExecCommand.Create(context, pluginPaths));
        command.Subcommands.Add(PluginsReloadCommand.Create(context, pluginPaths));
        return command;
    }
}
