using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Commands.Run;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts.Runs;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Cli.Commands.Runs;

/// <summary><c>orchestrator runs list|show|approve|reject|retry|terminate|suspend|resume|purge</c> against a sidecar.</summary>
internal static class RunsCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var command = new Command("runs", "List, inspect and control runs: through --sidecar or ORCHESTRATOR_SIDECAR, else the sidecar of the process that owns the database, else the database itself.");
        command.Subcommands.Add(List(context, pluginPaths));
        command.Subcommands.Add(Show(context, pluginPaths));
        command.Subcommands.Add(Approve(context, pluginPaths));
        command.Subcommands.Add(Reject(context, pluginPaths));
        command.Subcommands.Add(RunsRetryCommand.Create(context, pluginPaths));
        command.Subcommands.Add(Simple(context, pluginPaths, "terminate", "Stop a run for good.", (s, id, reason, ct) => s.TerminateAsync(id, reason, ct), "terminated"));
        command.Subcommands.Add(Simple(context, pluginPaths, "suspend", "Pause a run until it is resumed.", (s, id, reason, ct) => s.SuspendAsync(id, reason, ct), "suspended"));
        command.Subcommands.Add(Simple(context, pluginPaths, "resume", "Resume a suspended run.", (s, id, reason, ct) => s.ResumeAsync(id, reason, ct), "resumed"));
        command.Subcommands.Add(Simple(context, pluginPaths, "purge", "Delete a finished run's history and workspace.", (s, id, _, ct) => s.PurgeAsync(id, ct), "purged"));
        return command;
    }

    private static Command List(CliContext context, Option<string[]> pluginPaths)
    {
        var status = new Option<string[]>("--status") { Description = "Only runs in these states: pending, running, suspended, completed, failed, terminated.", Arity = ArgumentArity.OneOrMore };
        var limit = new Option<int>("--limit") { Description = $"At most this many runs, newest first (1 to {RunQuery.MaxPageSize}, default 50).", DefaultValueFactory = _ => 50 };
        var token = new Option<string?>("--continuation-token") { Description = "Continue after the previous page: its continuation_token (--json)." };
        var (command, source, json) = New("list", "List runs, newest first.");
        command.Options.Add(status);
        command.Options.Add(limit);
        command.Options.Add(token);
        command.SetCliAction((invocation, ct) => WithSessionAsync(invocation, context, pluginPaths, source, async (session, output) =>
        {
            var statuses = new List<RunStatus>();
            foreach (var name in invocation.Value(status) ?? [])
            {
                if (!Enum.TryParse<RunStatus>(name, ignoreCase: true, out var parsed))
                {
                    throw new UsageException($"--status {name} is not one of pending, running, suspended, completed, failed, terminated");
                }

                statuses.Add(parsed);
            }

            var pageSize = invocation.Value(limit);
            if (pageSize < 1 || pageSize > RunQuery.MaxPageSize)
            {
                throw new UsageException($"--limit {pageSize} must be from 1 to {RunQuery.MaxPageSize}");
            }

            RunCursor? after = null;
            if (invocation.Value(token) is { } text && !RunCursor.TryDecode(text, out after))
            {
                throw new UsageException("--continuation-token is not one a listing issued; pass the continuation_token of the previous page unchanged");
            }

            var page = await session.Runs.QueryAsync(new RunQuery { Statuses = statuses, PageSize = pageSize, After = after }, ct);
            if (invocation.Value(json))
            {
                await CliJson.WriteAsync(output, RunList.From(page));
                return OrchestratorCli.Success;
            }

            var runs = page.Runs;

            if (runs.Count == 0)
            {
                await output.WriteLineAsync("no runs");
                return OrchestratorCli.Success;
            }

            foreach (var run in runs)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{run.RunId,-45} {RunService.Describe(run.Status),-10} {run.CreatedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss}  {run.Progress?.Summary}"));
            }

            return OrchestratorCli.Success;
        }, ct));
        return command;
    }

    private static Command Show(CliContext context, Option<string[]> pluginPaths)
    {
        var id = RunIdArgument();
        var (command, source, json) = New("show", "Show a run: status, phases, errors, artifacts (--json: the whole run record).");
        command.Arguments.Add(id);
        command.SetCliAction((invocation, ct) => WithSessionAsync(invocation, context, pluginPaths, source, async (session, output) =>
        {
            var runId = invocation.Required(id);
            var run = await session.Runs.GetAsync(runId, ct) ?? throw session.Runs.RunNotFound(runId);
            if (invocation.Value(json))
            {
                await CliJson.WriteAsync(output, run);
            }
            else
            {
                await RunSummary.WriteAsync(output, invocation.Error, run);
            }

            return OrchestratorCli.Success;
        }, ct));
        return command;
    }

    private static Command Approve(CliContext context, Option<string[]> pluginPaths)
    {
        var id = RunIdArgument();
        var payload = new Option<string?>("--payload") { Description = "JSON handed to the run with the approval (stored in metadata approval.<phase>)." };
        var phase = PhaseOption();
        var (command, source, _) = New("approve", "Let the approval phase waiting now start (fails when none waits, or another than --phase).");
        command.Arguments.Add(id);
        command.Options.Add(phase);
        command.Options.Add(payload);
        command.SetCliAction((invocation, ct) => WithSessionAsync(invocation, context, pluginPaths, source, async (session, output) =>
        {
            JsonElement? value = null;
            if (invocation.Value(payload) is { } text)
            {
                try
                {
                    using var document = JsonDocument.Parse(text);
                    value = document.RootElement.Clone();
                }
                catch (JsonException ex)
                {
                    throw new UsageException($"--payload is not valid JSON: {ex.Message}", ex);
                }
            }

            var gate = await session.Runs.ApproveAsync(invocation.Required(id), invocation.Value(phase), value, ct);
            await output.WriteLineAsync($"approved '{gate.Phase}' of {gate.RunId}");
            await NoteWhenNothingRunsAsync(session, output, invocation.Required(id));
            return OrchestratorCli.Success;
        }, ct));
        return command;
    }

    private static Command Reject(CliContext context, Option<string[]> pluginPaths)
    {
        var id = RunIdArgument();
        var reason = Reason("Why; the run fails with this reason.", required: true);
        var phase = PhaseOption();
        var (command, source, _) = New("reject", "Reject the approval phase waiting now; the run fails (fails when none waits, or another than --phase).");
        command.Arguments.Add(id);
        command.Options.Add(phase);
        command.Options.Add(reason);
        command.SetCliAction((invocation, ct) => WithSessionAsync(invocation, context, pluginPaths, source, async (session, output) =>
        {
            var gate = await session.Runs.RejectAsync(invocation.Required(id), invocation.Value(phase), invocation.Value(reason)!, ct);
            await output.WriteLineAsync($"rejected '{gate.Phase}' of {gate.RunId}");
            await NoteWhenNothingRunsAsync(session, output, invocation.Required(id));
            return OrchestratorCli.Success;
        }, ct));
        return command;
    }

    private static Command Simple(
        CliContext context, Option<string[]> pluginPaths, string name, string description,
        Func<RunService, string, string?, CancellationToken, Task> action, string done)
    {
        var id = RunIdArgument();
        var reason = Reason("Recorded with the change.", required: false);
        var (command, source, _) = New(name, description);
        command.Arguments.Add(id);
        if (name != "purge")
        {
            command.Options.Add(reason);
        }

        command.SetCliAction((invocation, ct) => WithSessionAsync(invocation, context, pluginPaths, source, async (session, output) =>
        {
            await action(session.Runs, invocation.Required(id), invocation.Value(reason), ct);
            await output.WriteLineAsync($"{done} {invocation.Required(id)}");
            if (name != "purge")
            {
                await NoteWhenNothingRunsAsync(session, output, invocation.Required(id));
            }
            return OrchestratorCli.Success;
        }, ct));
        return command;
    }

    private static (Command Command, RunsSource Source, Option<bool> Json) New(string name, string description)
    {
        var source = new RunsSource();
        var json = CommonOptions.Json();
        var command = new Command(name, description) { json };
        source.AddTo(command);
        return (command, source, json);
    }

    private static Option<string?> PhaseOption() =>
        new("--phase") { Description = "The approval phase meant; refused when another one (or none) is waiting. Default: the one waiting now.", HelpName = "NAME" };

    private static Argument<string> RunIdArgument() => new("run-id") { Description = "The run id." };

    private static Option<string?> Reason(string description, bool required) => new("--reason") { Description = description, Required = required };

    private static async Task<int> WithSessionAsync(
        CliInvocation invocation, CliContext context, Option<string[]> pluginPaths, RunsSource source,
        Func<EngineProcess, TextWriter, Task<int>> action, CancellationToken cancellationToken)
    {
        var target = await source.ChooseAsync(invocation, context, cancellationToken);
        invocation.SidecarAddress = target.Address;
        var settings = new EngineSettings(invocation.Value(pluginPaths) ?? [], [], null, Verbose: false);
        await using var session = await EngineProcess.StartAsync(
            context, target, settings, EngineWorker.None, new CliLogging(LogProfile.Command, Verbose: false, invocation.Error), null, cancellationToken);
        return await action(session, invocation.Output);
    }

    // A change sent through a sidecar of this command's own is kept in the database but acted on only by a worker.
    private static async Task NoteWhenNothingRunsAsync(EngineProcess session, TextWriter output, string runId)
    {
        if (session.IsSidecarEmbedded)
        {
            await output.WriteLineAsync($"  nothing runs this database now: run {runId} takes the change when it continues (`orchestrator run --resume {runId}`, `orchestrator worker` or `orchestrator serve`)");
        }
    }
}
