using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Abstractions;
using Orchestrator.Cli.Commands.Run;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts.Runs;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Cli.Commands.Runs;

/// <summary><c>orchestrator runs list|show|approve|reject|terminate|suspend|resume|purge</c> against a sidecar.</summary>
internal static class RunsCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var command = new Command("runs", "List, inspect and control runs through a sidecar (--sidecar, ORCHESTRATOR_SIDECAR, or http://127.0.0.1:4001).");
        command.Subcommands.Add(List(context, pluginPaths));
        command.Subcommands.Add(Show(context, pluginPaths));
        command.Subcommands.Add(Approve(context, pluginPaths));
        command.Subcommands.Add(Reject(context, pluginPaths));
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
        var (command, sidecar, json) = New("list", "List runs, newest first.");
        command.Options.Add(status);
        command.Options.Add(limit);
        command.Options.Add(token);
        command.SetAction((parseResult, ct) => WithSessionAsync(parseResult, context, pluginPaths, sidecar, async (session, output) =>
        {
            var statuses = new List<RunStatus>();
            foreach (var name in parseResult.GetValue(status) ?? [])
            {
                if (!Enum.TryParse<RunStatus>(name, ignoreCase: true, out var parsed))
                {
                    throw new ArgumentException($"--status {name} is not one of pending, running, suspended, completed, failed, terminated");
                }

                statuses.Add(parsed);
            }

            var pageSize = parseResult.GetValue(limit);
            if (pageSize < 1 || pageSize > RunQuery.MaxPageSize)
            {
                throw new ArgumentException($"--limit {pageSize} must be from 1 to {RunQuery.MaxPageSize}");
            }

            RunCursor? after = null;
            if (parseResult.GetValue(token) is { } text && !RunCursor.TryDecode(text, out after))
            {
                throw new ArgumentException("--continuation-token is not one a listing issued; pass the continuation_token of the previous page unchanged");
            }

            var page = await session.Runs.QueryAsync(new RunQuery { Statuses = statuses, PageSize = pageSize, After = after }, ct);
            if (parseResult.GetValue(json))
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
        var (command, sidecar, json) = New("show", "Show a run: status, phases, errors, artifacts (--json: the whole run record).");
        command.Arguments.Add(id);
        command.SetAction((parseResult, ct) => WithSessionAsync(parseResult, context, pluginPaths, sidecar, async (session, output) =>
        {
            var runId = parseResult.GetValue(id)!;
            var run = await session.Runs.GetAsync(runId, ct) ?? throw RunNotFoundException.For(runId);
            if (parseResult.GetValue(json))
            {
                await CliJson.WriteAsync(output, run);
            }
            else
            {
                await RunSummary.WriteAsync(output, parseResult.InvocationConfiguration.Error, run);
            }

            return OrchestratorCli.Success;
        }, ct));
        return command;
    }

    private static Command Approve(CliContext context, Option<string[]> pluginPaths)
    {
        var id = RunIdArgument();
        var payload = new Option<string?>("--payload") { Description = "JSON handed to the run with the approval (stored in metadata approval.<phase>)." };
        var (command, sidecar, _) = New("approve", "Let a run's waiting approval phase start.");
        command.Arguments.Add(id);
        command.Options.Add(payload);
        command.SetAction((parseResult, ct) => WithSessionAsync(parseResult, context, pluginPaths, sidecar, async (session, output) =>
        {
            JsonElement? value = null;
            if (parseResult.GetValue(payload) is { } text)
            {
                try
                {
                    using var document = JsonDocument.Parse(text);
                    value = document.RootElement.Clone();
                }
                catch (JsonException ex)
                {
                    throw new ArgumentException($"--payload is not valid JSON: {ex.Message}", ex);
                }
            }

            await session.Runs.ApproveAsync(parseResult.GetValue(id)!, value, ct);
            await output.WriteLineAsync($"approved {parseResult.GetValue(id)}");
            return OrchestratorCli.Success;
        }, ct));
        return command;
    }

    private static Command Reject(CliContext context, Option<string[]> pluginPaths)
    {
        var id = RunIdArgument();
        var reason = new Option<string>("--reason") { Description = "Why; the run fails with this reason.", Required = true };
        var (command, sidecar, _) = New("reject", "Reject a run's waiting approval phase; the run fails.");
        command.Arguments.Add(id);
        command.Options.Add(reason);
        command.SetAction((parseResult, ct) => WithSessionAsync(parseResult, context, pluginPaths, sidecar, async (session, output) =>
        {
            await session.Runs.RejectAsync(parseResult.GetValue(id)!, parseResult.GetValue(reason)!, ct);
            await output.WriteLineAsync($"rejected {parseResult.GetValue(id)}");
            return OrchestratorCli.Success;
        }, ct));
        return command;
    }

    private static Command Simple(
        CliContext context, Option<string[]> pluginPaths, string name, string description,
        Func<RunService, string, string?, CancellationToken, Task> action, string done)
    {
        var id = RunIdArgument();
        var reason = new Option<string?>("--reason") { Description = "Recorded with the change." };
        var (command, sidecar, _) = New(name, description);
        command.Arguments.Add(id);
        if (name != "purge")
        {
            command.Options.Add(reason);
        }

        command.SetAction((parseResult, ct) => WithSessionAsync(parseResult, context, pluginPaths, sidecar, async (session, output) =>
        {
            await action(session.Runs, parseResult.GetValue(id)!, parseResult.GetValue(reason), ct);
            await output.WriteLineAsync($"{done} {parseResult.GetValue(id)}");
            return OrchestratorCli.Success;
        }, ct));
        return command;
    }

    private static (Command Command, Option<string?> Sidecar, Option<bool> Json) New(string name, string description)
    {
        var sidecar = EngineCliOptions.Sidecar("The sidecar address (default: ORCHESTRATOR_SIDECAR, else http://127.0.0.1:4001).");
        var json = EngineCliOptions.Json();
        return (new Command(name, description) { sidecar, json }, sidecar, json);
    }

    private static Argument<string> RunIdArgument() => new("run-id") { Description = "The run id." };

    private static async Task<int> WithSessionAsync(
        ParseResult parseResult, CliContext context, Option<string[]> pluginPaths, Option<string?> sidecar,
        Func<EngineSession, TextWriter, Task<int>> action, CancellationToken cancellationToken)
    {
        var error = parseResult.InvocationConfiguration.Error;
        var address = EngineCliOptions.ClientAddress(parseResult.GetValue(sidecar), context);
        var settings = new EngineSettings(parseResult.GetValue(pluginPaths) ?? [], [], null, Verbose: false);
        try
        {
            await using var session = await EngineSession.StartAsync(context, settings, address, worker: false, null, cancellationToken);
            return await action(session, parseResult.InvocationConfiguration.Output);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return OrchestratorCli.UsageError;
        }
        catch (OrchestratorException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return OrchestratorCli.Failure;
        }
        catch (Grpc.Core.RpcException ex)
        {
            await error.WriteLineAsync($"error: cannot reach the sidecar at {address} ({ex.Status.StatusCode}: {ex.Status.Detail}); start one with 'orchestrator worker' or pass --sidecar ADDRESS");
            return OrchestratorCli.Failure;
        }
    }
}
