using System.Collections.Immutable;
using System.CommandLine;
using System.Text.Json;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Invocation;
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
        var input = CommonOptions.Input();
        var config = CommonOptions.Config();
        var workdir = new Option<string>("--workdir") { Description = "Working directory for artifacts (default: a new temp directory).", HelpName = "DIR" };
        var json = CommonOptions.Json();
        var command = new Command("exec", "Run one phase of a plugin directly (no durable engine) and print its result.")
        {
            plugin, phase, input, config, workdir, json,
        };
        command.SetCliAction(async (invocation, cancellationToken) =>
        {
            var output = invocation.Output;
            var error = invocation.Error;
            var problems = new List<string>();
            var requestConfig = ConfigPairs.Parse(invocation.Value(config) ?? [], problems);
            var inputValue = await InputFile.ReadAsync(invocation.Value(input), context.StandardInput ?? Console.In, problems, cancellationToken);
            if (problems.Count > 0)
            {
                throw new UsageException(problems);
            }

            var (catalog, loggers) = await RuntimeCatalog.LoadAsync(context, invocation.Value(pluginPaths), error, cancellationToken);
            using (loggers)
            using (catalog)
            {
                var run = new ExecRun(
                    catalog, invocation.Required(plugin), invocation.Required(phase), inputValue ?? default, requestConfig, invocation.Value(workdir));
                return await run.ExecuteAsync(context, output, invocation.Value(json), loggers, cancellationToken);
            }
        });
        return command;
    }

    private sealed record ExecRun(
        RunnableCatalog Catalog, string PluginName, string PhaseName, JsonElement Input, ImmutableDictionary<string, JsonElement> RequestConfig, string? Workdir)
    {
        public async Task<int> ExecuteAsync(
            CliContext context, TextWriter output, bool json, Microsoft.Extensions.Logging.ILoggerFactory loggers, CancellationToken cancellationToken)
        {
            if (!Catalog.TryGet(PluginName, out var loaded))
            {
                throw new CommandFailedException(NotLoaded());
            }

            var manifest = loaded.Manifest;
            var phase = manifest.Phases.FirstOrDefault(p => p.Name == PhaseName)
                ?? throw new CommandFailedException($"plugin '{PluginName}' has no phase '{PhaseName}'; its phases: {string.Join(", ", manifest.Phases.Select(p => p.Name))}");

            var config = EffectiveConfig.Merge(manifest.DefaultConfig, RequestConfig);
            var problems = EffectiveConfig.Validate(manifest, config)
                .AddRange(ProcessEnvironment.MissingApiKeys(manifest, context.HostEnvironment ?? context.Discovery.Environment)
                    .Select(k => $"resource_spec.api_keys: the environment variable {k} is not set; export it before running"));
            if (!problems.IsEmpty)
            {
                throw new CommandFailedException($"the config for plugin '{PluginName}' is not acceptable:", problems);
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
                throw new CommandFailedException($"{CliJson.Name(e.Kind)}: {e.Message}");
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
