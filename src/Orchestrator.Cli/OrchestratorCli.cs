using System.CommandLine;
using Orchestrator.Cli.Commands;
using Orchestrator.Cli.Commands.Plugins;

namespace Orchestrator.Cli;

/// <summary>The `orchestrator` command tree. Exit codes: 0 success, 1 failure, 2 usage error.</summary>
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
        var pluginPaths = GlobalOptions.CreatePlugins();
        root.Options.Add(pluginPaths);
        root.Subcommands.Add(PluginsCommand.Create(context, pluginPaths));
        root.Subcommands.Add(SidecarCommand.Create());
        root.Subcommands.Add(Commands.Run.RunCommand.Create(context, pluginPaths));
        root.Subcommands.Add(Commands.Runs.RunsCommand.Create(context, pluginPaths));
        root.Subcommands.Add(Commands.Worker.WorkerCommand.Create(context, pluginPaths));
        root.Subcommands.Add(Commands.Serve.ServeCommand.Create(context, pluginPaths));
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, output, error, CliContext.FromProcess(), cancellationToken);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliContext context, CancellationToken cancellationToken)
    {
        var parseResult = CreateRootCommand(context).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }

            await error.WriteLineAsync("Run 'orchestrator --help' for usage.");
            return UsageError;
        }

        // Long-running commands (sidecar, worker, serve) stop within their own shutdown bound; the parser's
        // default 2 s grace after SIGTERM/Ctrl+C would cut that short.
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TerminationGrace };
        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }
}
