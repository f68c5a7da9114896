using System.CommandLine;
using System.Runtime.ExceptionServices;
using Grpc.Core;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>
/// <c>orchestrator run &lt;workflow|plugin&gt;</c>: starts a run, shows its progress, exits 0 when it completes;
/// <c>orchestrator run --resume RUN_ID</c> re-attaches to a run that is already in the database.
/// </summary>
internal static class RunCommand
{
    /// <summary>Ctrl+C or SIGTERM stopped <c>run</c> while the run itself goes on (or, on memory, is lost): docs/cli.md#exit-codes.</summary>
    public const int Interrupted = 130;

    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var options = new RunOptions();
        var command = new Command("run", "Run a workflow or a plugin to completion, showing each phase as it goes (or --resume a run that was interrupted).");
        options.AddTo(command);
        command.SetCliAction(async (invocation, cancellationToken) =>
        {
            var problems = new List<string>();
            var resume = invocation.Value(options.Resume);
            var request = resume is null ? await options.ReadRequestAsync(invocation, context, problems, cancellationToken) : null;
            options.CheckResume(invocation, problems);
            var chosen = options.Sidecar.Choose(invocation, context, problems, OwnerRoles.Run);
            if (resume is not null && chosen.Embedded is { } embedded && !Sidecar.Configuration.SidecarBackends.SurvivesRestart(embedded.Backend))
            {
                problems.Add($"--resume needs a durable backend: the {embedded.Backend} backend keeps a run only inside the process that ran it, so there is nothing to resume (use the default sqlite backend)");
            }

            if (problems.Count > 0)
            {
                throw new UsageException(problems);
            }

            var settings = options.Engine.Read(invocation, pluginPaths);
            var logging = new CliLogging(LogProfile.Command, settings.Verbose, invocation.Error);
            var runId = resume ?? request!.RunId!;
            var follow = new RunFollowing(invocation, runId, invocation.Value(options.Json));
            await using var attachment = await RunAttachment.OpenAsync(context, chosen, settings, logging, cancellationToken);
            var interruption = new RunInterruption(invocation, pluginPaths, options.Sidecar, chosen);
            try
            {
                follow.Announce(attachment);
                if (request is not null)
                {
                    await attachment.Process.Runs.StartAsync(request, cancellationToken);
                    follow.Started(request.Target);
                }
                else if (await follow.ResumeAsync(attachment.Process.Runs, attachment.Store, cancellationToken) is { } exitCode)
                {
                    // The run had finished already: its summary is printed, and the exit code is the one `run` gave.
                    return exitCode;
                }
            }
            catch (Exception ex) when (IsInterruption(ex, cancellationToken))
            {
                await interruption.WriteAsync(runId, follow.IsScheduled, attachment);
                return Interrupted;
            }

            return await FollowAsync(context, settings, logging, attachment, follow, interruption, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Follows a started run to its end (its exit code); when the owner whose sidecar this process used goes away, the
    /// run moves here or to its new owner and is followed there. Ctrl+C or SIGTERM: says where the run goes on, 130.
    /// </summary>
    internal static async Task<int> FollowAsync(
        CliContext context, EngineSettings settings, CliLogging logging, RunAttachment attachment, RunFollowing follow, RunInterruption interruption,
        CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                RpcException failure;
                try
                {
                    return await follow.ToTheEndAsync(attachment.Process, cancellationToken);
                }
                catch (RpcException ex) when (attachment.Owner is not null)
                {
                    failure = ex;
                }

                var lost = await attachment.TryReattachAsync(context, settings, logging, cancellationToken);
                if (lost is null)
                {
                    ExceptionDispatchInfo.Throw(failure);
                }

                follow.Reattached(attachment, lost);
            }
        }
        catch (Exception ex) when (IsInterruption(ex, cancellationToken))
        {
            await interruption.WriteAsync(follow.RunId, follow.IsScheduled, attachment);
            return Interrupted;
        }
    }

    // Ctrl+C or SIGTERM: the embedded sidecar may stop under the poll before the poll sees the cancellation.
    private static bool IsInterruption(Exception ex, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested && ex is OperationCanceledException or RpcException;
}
