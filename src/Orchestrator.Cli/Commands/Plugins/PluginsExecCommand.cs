using System.CommandLine;
using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts.Plugins;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Processes;
using RunnableCatalog = Orchestrator.Plugins.Execution.PluginCatalog;

namespace Orchestrator.Cli.Commands.Plugins;

/// <summary>
/// <c>plugins exec PLUGIN PHASE [--input FILE|-] [--config k=v…] [--workdir DIR] [--json]</c>: runs one phase
/// directly, without the durable engine. Exit 0 when the phase succeeded, 1 when it failed or the plugin, phase or
/// config is not acceptable, 2 for usage errors (bad --config syntax, unreadable or invalid --input).
/// </summary>
internal static class PluginsExecCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var plugin = new Argument<string>("PLUGIN") { Description = "The plugin's name." };
        var phase = new Argument<string>("PHASE") { Description = "The phase to run." };
        var input = new Option<string>("--input") { Description = "The phase input: a JSON file, or - for stdin.", HelpName = "FILE|-" };
        var config = new Option<string[]>("--config")
        {
            Description = "A config value over the plugin's default_config (repeatable); VALUE is parsed as JSON when it is JSON, else taken as a string.",
            HelpName = "KEY=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };
        var workdir = new Option<string>("--workdir") { Description = "Working directory for artifacts (default: a new temp directory).", HelpName = "DIR" };
        var json = PluginsCommand.CreateJsonOption();
        var command = new Command("exec", "Run one phase of a plugin directly (no durable engine) and print its result.")
        {
            plugin, phase, input, config, workdir, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (ExecArguments.ParseConfig(parseResult.GetValue(config) ?? [], out var requestConfig) is { } configError)
            {
                await error.WriteLineAsync($"error: {configError}");
                return OrchestratorCli.UsageError;
            }

            var (inputValue, inputError) = await ExecArguments.ReadInputAsync(parseResult.GetValue(input), context.StandardInput ?? Console.In, cancellationToken);
            if (inputError is not null)
            {
                await error.WriteLineAsync($"error: {inputError}");
                return OrchestratorCli.UsageError;
            }

            var (catalog, loggers) = await RuntimeCatalog.LoadAsync(context, parseResult.GetValue(pluginPaths), error, cancellationToken);
            using (loggers)
            using (catalog)
            {
                var run = new ExecRun(
                    catalog, parseResult.GetRequiredValue(plugin), parseResult.GetRequiredValue(phase), inputValue, requestConfig, parseResult.GetValue(workdir));
                return await run.ExecuteAsync(context, output, error, parseResult.GetValue(json), loggers, cancellationToken);
            }
        });
        return command;
    }

    private sealed record ExecRun(
        RunnableCatalog Catalog, string PluginName, string PhaseName, JsonElement Input, ImmutableDictionary<string, JsonElement> RequestConfig, string? Workdir)
    {
        public async Task<int> ExecuteAsync(
            CliContext context, TextWriter output, TextWriter error, bool json, Microsoft.Extensions.Logging.ILoggerFactory loggers, CancellationToken cancellationToken)
        {
            if (!Catalog.TryGet(PluginName, out var loaded))
            {
                await error.WriteLineAsync($"error: {NotLoaded()}");
                return OrchestratorCli.Failure;
            }

            var manifest = loaded.Manifest;
            var phase = manifest.Phases.FirstOrDefault(p => p.Name == PhaseName);
            if (phase is null)
            {
                await error.WriteLineAsync(
                    $"error: plugin '{PluginName}' has no phase '{PhaseName}'; its phases: {string.Join(", ", manifest.Phases.Select(p => p.Name))}");
                return OrchestratorCli.Failure;
            }

            var config = EffectiveConfig.Merge(manifest.DefaultConfig, RequestConfig);
            var problems = EffectiveConfig.Validate(manifest, config)
                .AddRange(ProcessEnvironment.MissingApiKeys(manifest, context.HostEnvironment ?? context.Discovery.Environment)
                    .Select(k => $"resource_spec.api_keys: the environment variable {k} is not set; export it before running"));
            if (!problems.IsEmpty)
            {
                await error.WriteLineAsync($"error: the config for plugin '{PluginName}' is not acceptable:");
                foreach (var problem in problems)
                {
                    await error.WriteLineAsync($"  {problem}");
                }

                return OrchestratorCli.Failure;
            }

            var runId = "exec-" + Guid.NewGuid().ToString("N")[..12];
            var workdir = Path.GetFullPath(Workdir ?? Path.Combine(Path.GetTempPath(), "orchestrator-" + runId));
            Directory.CreateDirectory(workdir);
            var request = new PhaseRequest
            {
                RunId = runId,
                Plugin = PluginName,
                PluginVersion = loaded.Identity.Version,
                Phase = PhaseName,
                Input = Input,
                Config = EffectiveConfig.ForPhase(config, phase),
                WorkingDirectory = workdir,
            };
            PhaseResult result;
            try
            {
                result = await new PhaseExecutor(Catalog, loggers).ExecuteAsync(loaded.Identity, request, cancellationToken);
            }
            catch (PhaseExecutionException e)
            {
                await error.WriteLineAsync($"error: {CliJson.Name(e.Kind)}: {e.Message}");
                return OrchestratorCli.Failure;
            }

            await WriteAsync(output, json, loaded, runId, workdir, result);
            return OrchestratorCli.Success;
        }

        private string NotLoaded()
        {
            var rejected = Catalog.Problems.FirstOrDefault(p => p.PluginName == PluginName && p.Kind != Orchestrator.Plugins.Discovery.PluginProblemKind.Shadowed);
            if (rejected is not null)
            {
                return $"plugin '{PluginName}' was found but not loaded ({CliJson.Name(rejected.Kind)}): {rejected.Path}: {rejected.Message}";
            }

            var available = Catalog.List().Select(p => p.Identity.Name).ToList();
            return $"no plugin named '{PluginName}' is loaded; available: {(available.Count == 0 ? "none" : string.Join(", ", available))} "
                + "(run 'orchestrator plugins list --all' to see every plugin found)";
        }

        private async Task WriteAsync(TextWriter output, bool json, LoadedPlugin loaded, string runId, string workdir, PhaseResult result)
        {
            var outputValue = result.Output.ValueKind == JsonValueKind.Undefined ? (JsonElement?)null : result.Output;
            if (json)
            {
                await CliJson.WriteAsync(output, new ExecResult(
                    PluginVersion.From(loaded.Identity),
                    PhaseName,
                    runId,
                    workdir,
                    outputValue,
                    result.Metadata.ToImmutableSortedDictionary(StringComparer.Ordinal),
                    result.Artifacts));
                return;
            }

            await output.WriteLineAsync($"{loaded.Identity.Name} {loaded.Identity.Version} phase {PhaseName}: succeeded");
            await output.WriteLineAsync("output:");
            await output.WriteLineAsync(outputValue is { } value ? JsonSerializer.Serialize(value, Indented) : "null");
            if (!result.Metadata.IsEmpty)
            {
                await output.WriteLineAsync("metadata:");
                foreach (var (key, item) in result.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    await output.WriteLineAsync($"  {key}: {item.GetRawText()}");
                }
            }

            await output.WriteLineAsync(result.Artifacts.IsEmpty ? "artifacts: none" : "artifacts:");
            foreach (var artifact in result.Artifacts)
            {
                await output.WriteLineAsync($"  {Path.Combine(workdir, artifact)}");
            }

            await output.WriteLineAsync($"workdir: {workdir}");
        }

        private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    }
}
