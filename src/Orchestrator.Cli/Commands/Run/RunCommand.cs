using System.CommandLine;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;
using Orchestrator.Cli.Output;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Cli.Commands.Run;

/// <summary><c>orchestrator run &lt;workflow|plugin&gt;</c>: starts a run, shows its progress, exits 0 when it completes.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var target = new Argument<string>("target") { Description = "A workflow name, or a plugin name." };
        var input = CommonOptions.Input();
        var config = CommonOptions.Config();
        var sidecar = new SidecarChoice();
        var engine = new EngineCommandOptions();
        var json = CommonOptions.Json();
        var autoApprove = new Option<bool>("--auto-approve") { Description = "Let approval phases go ahead without waiting for `runs approve`." };
        var runId = new Option<string?>("--run-id") { Description = "The run id to use (default: a new one)." };
        var command = new Command("run", "Run a workflow or a plugin to completion, showing each phase as it goes.")
        {
            target, input, config, json, autoApprove, runId,
        };
        sidecar.AddTo(command);
        engine.AddTo(command);
        command.SetCliAction(async (invocation, cancellationToken) =>
        {
            var problems = new List<string>();
            var request = new RunRequest
            {
                Target = invocation.Required(target),
                Input = await InputFile.ReadAsync(invocation.Value(input), context.StandardInput ?? Console.In, problems, cancellationToken),
                Config = ConfigPairs.Parse(invocation.Value(config) ?? [], problems),
                RunId = invocation.Value(runId),
                AutoApprove = invocation.Value(autoApprove),
            };
            var chosen = sidecar.Choose(invocation, context, problems);
            if (problems.Count > 0)
            {
                throw new UsageException(problems);
            }

            var settings = engine.Read(invocation, pluginPaths);
            invocation.SidecarAddress = chosen.Address;
            await using var process = await EngineProcess.StartAsync(
                context, chosen, settings, worker: chosen.Address is null, new CliLogging(LogProfile.Command, settings.Verbose, invocation.Error),
                o => o.EnableRetention = false, cancellationToken);
            return await RunAsync(process, request, invocation.Value(json), invocation, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(EngineProcess process, RunRequest request, bool json, CliInvocation invocation, CancellationToken cancellationToken)
    {
        var output = invocation.Output;
        var runId = await process.Runs.StartAsync(request, cancellationToken);
        RunRecord run;
        if (json)
        {
            run = await process.Runs.WaitForCompletionAsync(runId, null, RunFollower.PollInterval, cancellationToken);
            await CliJson.WriteAsync(output, run);
        }
        else
        {
            await output.WriteLineAsync($"run {runId} started ({request.Target})");
            run = await RunFollower.FollowAsync(process.Runs, runId, new ProgressPrinter(output, process.SidecarAddress, TimeProvider.System), cancellationToken);
            await RunSummary.WriteAsync(output, invocation.Error, run);
        }

        return run.Status == RunStatus.Completed ? OrchestratorCli.Success : OrchestratorCli.Failure;
    }
}
