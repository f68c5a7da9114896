using System.CommandLine;
using System.Globalization;
using Orchestrator.Cli.Commands.Runs;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts.Schedules;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Schedules;

namespace Orchestrator.Cli.Commands.Schedules;

/// <summary>
/// <c>orchestrator schedules list|pause|resume|trigger</c> (docs/schedules.md#commands-and-api): found the way <c>runs</c>
/// finds the runs (--sidecar, ORCHESTRATOR_SIDECAR, the owner of the database, or the database itself).
/// </summary>
internal static class SchedulesCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var command = new Command("schedules", "List the workflows' schedules, pause, resume or trigger one; kept by `orchestrator serve` or `orchestrator worker`.");
        command.Subcommands.Add(List(context, pluginPaths));
        command.Subcommands.Add(Change(context, pluginPaths, "pause", "Stop a schedule's fires until it is resumed (runs going now go on).", (s, w, ct) => s.PauseAsync(w, ct), "paused"));
        command.Subcommands.Add(Change(context, pluginPaths, "resume", "Let a paused schedule fire again from now on (fires missed while paused are not caught up).", (s, w, ct) => s.ResumeAsync(w, ct), "resumed"));
        command.Subcommands.Add(Trigger(context, pluginPaths));
        return command;
    }

    private static Command List(CliContext context, Option<string[]> pluginPaths)
    {
        var (command, source, json) = RunsCommand.New("list", "List the schedules: cron, time zone, overlap, catchup, state, next fire, last run.");
        command.SetCliAction((invocation, ct) => RunsCommand.WithSessionAsync(invocation, context, pluginPaths, source, async (session, output) =>
        {
            var schedules = await session.Schedules.ListAsync(ct);
            if (invocation.Value(json))
            {
                await CliJson.WriteAsync(output, new ScheduleList([.. schedules]));
                return OrchestratorCli.Success;
            }

            if (schedules.Count == 0)
            {
                await output.WriteLineAsync("no schedules (a workflow file's 'schedule:' makes one, kept by `orchestrator serve` or `orchestrator worker`)");
                return OrchestratorCli.Success;
            }

            var table = new TextTable("WORKFLOW", "CRON", "TIMEZONE", "OVERLAP", "CATCHUP", "STATE", "NEXT FIRE", "LAST RUN");
            foreach (var schedule in schedules)
            {
                table.AddRow(
                    schedule.Workflow, schedule.Cron, schedule.Timezone, Name(schedule.Overlap), Name(schedule.Catchup), State(schedule),
                    schedule.NextFire is { } next ? Time(next) : "-",
                    schedule.LastRunId is { } run ? $"{run} ({(schedule.LastRunStatus is { } status ? RunService.Describe(status) : "purged")})" : "-");
            }

            await table.WriteAsync(output);
            foreach (var schedule in schedules.Where(s => s.LastError is not null))
            {
                await output.WriteLineAsync($"{schedule.Workflow}: {schedule.LastError}");
            }

            return OrchestratorCli.Success;
        }, ct));
        return command;
    }

    private static Command Change(
        CliContext context, Option<string[]> pluginPaths, string name, string description,
        Func<ScheduleService, string, CancellationToken, Task<ScheduleInfo>> action, string done)
    {
        var workflow = WorkflowArgument();
        var (command, source, json) = RunsCommand.New(name, description);
        command.Arguments.Add(workflow);
        command.SetCliAction((invocation, ct) => RunsCommand.WithSessionAsync(invocation, context, pluginPaths, source, async (session, output) =>
        {
            var schedule = await action(session.Schedules, invocation.Required(workflow), ct);
            if (invocation.Value(json))
            {
                await CliJson.WriteAsync(output, schedule);
            }
            else
            {
                await output.WriteLineAsync($"{done} the schedule of {schedule.Workflow}");
                await NoteWhenNothingRunsAsync(session, output);
            }

            return OrchestratorCli.Success;
        }, ct));
        return command;
    }

    private static Command Trigger(CliContext context, Option<string[]> pluginPaths)
    {
        var workflow = WorkflowArgument();
        var (command, source, json) = RunsCommand.New("trigger", "Start a run of a schedule now (also while paused); prints the run's id, which names the time of the trigger.");
        command.Arguments.Add(workflow);
        command.SetCliAction((invocation, ct) => RunsCommand.WithSessionAsync(invocation, context, pluginPaths, source, async (session, output) =>
        {
            var name = invocation.Required(workflow);
            var trigger = new ScheduleTrigger(name, await session.Schedules.TriggerAsync(name, ct));
            if (invocation.Value(json))
            {
                await CliJson.WriteAsync(output, trigger);
            }
            else
            {
                await output.WriteLineAsync($"triggered the schedule of {name}: run {trigger.RunId}");
                await NoteWhenNothingRunsAsync(session, output);
            }

            return OrchestratorCli.Success;
        }, ct));
        return command;
    }

    private static Argument<string> WorkflowArgument() => new("workflow") { Description = "The workflow whose schedule is meant." };

    private static string State(ScheduleInfo schedule) => (schedule.Paused, schedule.Active) switch
    {
        (true, _) => "paused",
        (false, false) => "waiting for a worker",
        _ => schedule.BufferedFire is not null ? "buffered" : "active",
    };

    private static string Name<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    // A change sent through a sidecar of this command's own is kept in the database but acted on only by a worker.
    private static async Task NoteWhenNothingRunsAsync(EngineProcess session, TextWriter output)
    {
        if (session.IsSidecarEmbedded)
        {
            await output.WriteLineAsync("  nothing runs this database now: the schedule takes the change when `orchestrator serve` or `orchestrator worker` runs");
        }
    }
}
