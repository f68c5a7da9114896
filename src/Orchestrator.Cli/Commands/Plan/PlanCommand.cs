using System.Collections.Immutable;
using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Cli.Commands.Plugins;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Commands.Workflows;
using Orchestrator.Cli.Invocation;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts.Plans;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Cli.Commands.Plan;

/// <summary>
/// <c>orchestrator plan &lt;workflow|plugin&gt;</c>: checks a run as <c>run</c> would and prints what it would do —
/// phases in order, parallel groups, approvals, timeouts and retries, config per phase, the pinned plugin version and
/// the estimated and worst-case time — without a sidecar and without scheduling anything. Exit 0 when the run could
/// start, 2 with every problem when it could not (docs/running-workflows.md#plan-a-run-before-starting-it).
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var target = new Argument<string>("target") { Description = "A workflow name, or a plugin name." };
        var input = CommonOptions.Input();
        var config = CommonOptions.Config();
        var autoApprove = new Option<bool>("--auto-approve") { Description = "Plan as if approval phases went ahead without waiting." };
        var workflows = CommonOptions.Workflows();
        var json = CommonOptions.Json();
        var command = new Command("plan", "Check a run and show what it would do (phases, approvals, retries, times), without starting it.")
        {
            target, input, config, autoApprove, workflows, json,
        };
        command.SetCliAction(async (invocation, cancellationToken) =>
        {
            var problems = new List<string>();
            var request = new RunRequest
            {
                Target = invocation.Required(target),
                Input = await InputFile.ReadAsync(invocation.Value(input), context.StandardInput ?? Console.In, problems, cancellationToken),
                Config = ConfigPairs.Parse(invocation.Value(config) ?? [], problems),
                AutoApprove = invocation.Value(autoApprove),
            };
            if (problems.Count > 0)
            {
                throw new UsageException(problems);
            }

            var (catalog, loggers) = await RuntimeCatalog.LoadAsync(context, invocation.Value(pluginPaths), invocation.Error, cancellationToken);
            using (catalog)
            using (loggers)
            {
                var options = Options.Create(WorkflowSearch.EngineOptionsOf(context, invocation.Value(workflows) ?? []));
                var planner = new RunPlanner(catalog, new Engine.Workflows.WorkflowCatalog(options), options, TimeProvider.System, loggers.CreateLogger<RunPlanner>());
                var plan = RunPlanResult.From(planner.Plan(request, cancellationToken));
                if (invocation.Value(json))
                {
                    await CliJson.WriteAsync(invocation.Output, plan);
                }
                else
                {
                    await PlanText.WriteAsync(invocation.Output, plan);
                }
            }

            return OrchestratorCli.Success;
        });
        return command;
    }
}
