using System.CommandLine;

namespace Orchestrator.Cli.Commands.Workflows;

/// <summary><c>orchestrator workflows list|show|validate</c>: the workflow files the search paths hold (docs/running-workflows.md#workflow-files).</summary>
internal static class WorkflowsCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var command = new Command("workflows", "Find, inspect and validate workflow files.");
        command.Subcommands.Add(WorkflowsListCommand.Create(context));
        command.Subcommands.Add(WorkflowsShowCommand.Create(context, pluginPaths));
        command.Subcommands.Add(WorkflowsValidateCommand.Create());
        return command;
    }
}
