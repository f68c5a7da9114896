using System.CommandLine;
using System.Text.Json;
using Orchestrator.Cli.Output;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Runs;
using Orchestrator.Sidecar;
using Orchestrator.Sidecar.Hosting;

namespace Orchestrator.Cli.Commands.Run;

/// <summary><c>orchestrator run &lt;workflow|plugin&gt;</c>: starts a run, shows its progress, exits 0 when it completes.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var target = new Argument<string>("target") { Description = "A workflow name, or a plugin name." };
        var input = new Option<string?>("--input") { Description = "The run input: a JSON file, or - for standard input.", HelpName = "FILE|-" };
        var config = new Option<string[]>("--config")
        {
            Description = "Config over the plugin defaults and the workflow config: key=value (value read as JSON when it parses). Repeatable.",
            HelpName = "KEY=VALUE",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var sidecar = EngineCliOptions.Sidecar("Use this sidecar (a worker must be connected to it, e.g. `orchestrator worker`) instead of an embedded one.");
        var backend = EngineCliOptions.Backend();
        var connection = EngineCliOptions.Connection();
        var taskHub = EngineCliOptions.TaskHub();
        var json = EngineCliOptions.Json();
        var workflows = EngineCliOptions.Workflows();
        var dataDir = EngineCliOptions.DataDir();
        var verbose = EngineCliOptions.Verbose();
        var autoApprove = new Option<bool>("--auto-approve") { Description = "Let approval phases go ahead without waiting for `runs approve`." };
        var runId = new Option<string?>("--run-id") { Description = "The run id to use (default: a new one)." };
        var command = new Command("run", "Run a workflow or a plugin to completion, showing each phase as it goes.")
        {
            target, input, config, backend, connection, taskHub, sidecar, json, workflows, dataDir, autoApprove, runId, verbose,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var problems = new List<string>();
            var request = new RunRequest
            {
                Target = parseResult.GetValue(target)!,
                Input = await ReadInputAsync(parseResult.GetValue(input), problems, cancellationToken),
                Config = ConfigPairs.Parse(parseResult.GetValue(config) ?? [], problems),
                RunId = parseResult.GetValue(runId),
                AutoApprove = parseResult.GetValue(autoApprove),
            };
            var (external, sidecarOptions) = EngineCliOptions.ChooseSidecar(parseResult, sidecar, backend, connection, taskHub, 0, problems);

            if (problems.Count > 0)
            {
                problems.ForEach(p => error.WriteLine($"error: {p}"));
                return OrchestratorCli.UsageError;
            }

            var settings = new EngineSettings(parseResult.GetValue(pluginPaths) ?? [], parseResult.GetValue(workflows) ?? [], parseResult.GetValue(dataDir), parseResult.GetValue(verbose));
            EmbeddedSidecar? embedded = null;
            try
            {
                embedded = external is null ? await EmbeddedSidecar.StartAsync(sidecarOptions, cancellationToken: cancellationToken) : null;
                await using var session = await EngineSession.StartAsync(
                    context, settings, external ?? embedded!.Address, worker: external is null, o => o.EnableRetention = false, cancellationToken);
                return await RunAsync(session, request, parseResult.GetValue(json), output, error, cancellationToken);
            }
            catch (RunRequestException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return OrchestratorCli.UsageError;
            }
            catch (SidecarException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return OrchestratorCli.Failure;
            }
            finally
            {
                if (embedded is not null)
                {
                    await embedded.DisposeAsync();
                }
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(EngineSession session, RunRequest request, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var runId = await session.Runs.StartAsync(request, cancellationToken);
        var printer = json ? null : new ProgressPrinter(output, session.Address, TimeProvider.System);
        if (printer is not null)
        {
            await output.WriteLineAsync($"run {runId} started ({request.Target})");
        }

        RunRecord run;
        while (true)
        {
            run = await session.Runs.GetAsync(runId, cancellationToken) ?? throw RunNotFoundException.For(runId);
            printer?.Update(run);

            // A workflow with steps reports only which step runs; the step's own run has the phases.
            if (printer is not null && run.Progress?.Step is { } step
                && await session.Runs.GetAsync(WorkflowOrchestrator.StepRunId(runId, step), cancellationToken) is { } stepRun)
            {
                printer.Update(stepRun);
            }

            if (run.IsTerminal)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        if (json)
        {
            await CliJson.WriteAsync(output, run);
        }
        else
        {
            await RunSummary.WriteAsync(output, error, run);
        }

        return run.Status == RunStatus.Completed ? OrchestratorCli.Success : OrchestratorCli.Failure;
    }

    private static async Task<JsonElement?> ReadInputAsync(string? source, List<string> problems, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            return null;
        }

        string text;
        try
        {
            text = source == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(source, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"--input {source} cannot be read: {ex.Message}");
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            problems.Add($"--input {source} is not valid JSON: {ex.Message}");
            return null;
        }
    }
}
