using System.CommandLine;
using Orchestrator.Cli.Commands;
using Orchestrator.Cli.Commands.Plan;
using Orchestrator.Cli.Commands.Plugins;
using Orchestrator.Cli.Commands.Run;
using Orchestrator.Cli.Commands.Runs;
using Orchestrator.Cli.Commands.Schedules;
using Orchestrator.Cli.Commands.Serve;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Commands.Worker;
using Orchestrator.Cli.Commands.Workflows;
using Orchestrator.Cli.Invocation;

namespace Orchestrator.Cli;

/// <summary>The `orchestrator` command tree. Exit codes: 0 success, 1 failure, 2 usage error (docs/cli.md#exit-codes).</summary>
internal static class OrchestratorCli
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    /// <summary>How long a command may take to stop after SIGTERM or Ctrl+C before the process exits anyway.</summary>
    public static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(30);

    public static RootCommand CreateRootCommand(CliContext? context = null)
    {
        context ??= CliContext.FromProcess();
        var root = new RootCommand("Orchestrator: plugin phases as durable workflows.");
        var pluginPaths = CommonOptions.Plugins();
        root.Options.Add(pluginPaths);
        root.Subcommands.Add(PluginsCommand.Create(context, pluginPaths));
        root.Subcommands.Add(WorkflowsCommand.Create(context, pluginPaths));
        root.Subcommands.Add(SidecarCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context, pluginPaths));
        root.Subcommands.Add(PlanCommand.Create(context, pluginPaths));
        root.Subcommands.Add(RunsCommand.Create(context, pluginPaths));
        root.Subcommands.Add(SchedulesCommand.Create(context, pluginPaths));
        root.Subcommands.Add(WorkerCommand.Create(context, pluginPaths));
        root.Subcommands.Add(ServeCommand.Create(context, pluginPaths));
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, output, error, CliContext.FromProcess(), cancellationToken);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliContext context, CancellationToken cancellationToken)
    {
        var parseResult = CreateRootCommand(context).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            return await CliErrors.ReportAsync(parseResult, error);
        }

        // Long-running commands (sidecar, worker, serve) stop within their own shutdown bound; the parser's
        // default 2 s grace after SIGTERM/Ctrl+C would cut that short.
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TerminationGrace };
        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }
}
