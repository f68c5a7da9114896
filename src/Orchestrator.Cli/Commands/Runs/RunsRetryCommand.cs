using System.CommandLine;
using Orchestrator.Cli.Commands.Run;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;
using Orchestrator.Engine.Runs;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Commands.Runs;

/// <summary>
/// <c>orchestrator runs retry RUN_ID [--from PHASE] [--config k=v…] [--plugin-version V]</c>: starts a new run that
/// takes over the phases of a failed or terminated run before the restart point and runs the rest, and follows it to
/// its end as <c>run</c> does (docs/running-workflows.md#retry-a-failed-run).
/// </summary>
internal static class RunsRetryCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var id = new Argument<string>("run-id") { Description = "The failed or terminated run to retry." };
        var from = new Option<string?>("--from")
        {
            Description = "The phase to start at: the one the run stopped at (default) or one before it; the phases before it are taken over, not run again.",
            HelpName = "PHASE",
        };
        var config = CommonOptions.Config();
        var version = new Option<string?>("--plugin-version")
        {
            Description = "Run on this loaded version of the plugin instead of the one the run is pinned to.",
            HelpName = "VERSION",
        };
        var json = CommonOptions.Json();
        var sidecar = new SidecarChoice();
        var engine = new EngineCommandOptions();
        var command = new Command("retry", "Retry a failed or terminated run from the phase it stopped at (or --from an earlier one) as a new run, and follow it to its end.")
        {
            id, from, config, version, json,
        };
        sidecar.AddTo(command);
        engine.AddTo(command);
        command.SetCliAction(async (invocation, cancellationToken) =>
        {
            var problems = new List<string>();
            var request = new RetryRequest
            {
                RunId = invocation.Required(id),
                From = invocation.Value(from),
                Config = ConfigPairs.Parse(invocation.Value(config) ?? [], problems),
                PluginVersion = invocation.Value(version),
            };
            var chosen = sidecar.Choose(invocation, context, problems, OwnerRoles.Run);
            if (chosen.Embedded is { } embedded && !SidecarBackends.SurvivesRestart(embedded.Backend))
            {
                problems.Add($"retry needs a durable backend: the {embedded.Backend} backend keeps a run only inside the process that ran it, so there is no failed run to retry (use the default sqlite backend)");
            }

            if (problems.Count > 0)
            {
                throw new UsageException(problems);
            }

            var settings = engine.Read(invocation, pluginPaths);
            var logging = new CliLogging(LogProfile.Command, settings.Verbose, invocation.Error);
            await using var attachment = await RunAttachment.OpenAsync(context, chosen, settings, logging, cancellationToken);
            var retryId = await attachment.Process.Runs.RetryAsync(request, cancellationToken);
            var follow = new RunFollowing(invocation, retryId, invocation.Value(json));
            follow.Announce(attachment);
            follow.Started($"a retry of {request.RunId}");
            var interruption = new RunInterruption(invocation, pluginPaths, sidecar, chosen);
            return await RunCommand.FollowAsync(context, settings, logging, attachment, follow, interruption, cancellationToken);
        });
        return command;
    }
}
