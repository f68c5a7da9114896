using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Documents.Problems;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Workflows;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Runs;

/// <summary>
/// Validates a run request completely and resolves what the run would execute — the steps, each step's pinned plugin
/// version, its effective config and its phases — without scheduling anything. <see cref="RunService.StartAsync"/>
/// schedules what this prepares; <c>orchestrator plan</c> shows it (docs/running-workflows.md#plan-a-run-before-starting-it).
/// </summary>
public sealed class RunPlanner(
    IPluginCatalog catalog,
    WorkflowCatalog workflows,
    IOptions<EngineOptions> options,
    TimeProvider time,
    ILogger<RunPlanner> logger)
{
    /// <summary>What the run would execute; its steps have no workspace yet (the start gives them one).</summary>
    /// <exception cref="RunRequestException">Every problem with the request.</exception>
    public PreparedRun Prepare(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        var runId = request.RunId ?? RunIds.New(request.Target, time.GetUtcNow());
        if (RunIds.Problem(runId) is { } idProblem)
        {
            problems.Add(idProblem);
        }

        ThrowIfValuesInvalid(request, problems);
        var discovered = workflows.Discover(cancellationToken);
        foreach (var problem in discovered.Problems.Where(p => p.Severity == ProblemSeverity.Error || p.Message.Contains("shadowed", StringComparison.Ordinal)))
        {
            logger.WorkflowProblem(problem.ToString());
        }

        var workflow = WorkflowOf(request, discovered);
        ImmutableArray<WorkflowStep> steps;
        if (workflow is not null)
        {
            steps = workflow.AllSteps;
        }
        else if (request.TargetKind != RunTargetKind.Workflow && catalog.TryGet(request.Target, out _))
        {
            steps = [PluginStep(request.Target)];
        }
        else
        {
            throw new RunRequestException(request.Target, [NotFound(request)]);
        }

        if (steps.Length > 1 && !request.Config.IsEmpty)
        {
            problems.Add($"workflow '{request.Target}' has {steps.Length} steps; set config per step in the workflow file instead of --config");
        }

        var input = InputMerge.Merge(workflow?.Input, request.Input);
        if (workflow is not null)
        {
            InputCheck.AgainstWorkflow(workflow, input, problems);
        }

        var runs = ImmutableArray.CreateBuilder<RunInput>(steps.Length);
        foreach (var (index, step) in steps.Index())
        {
            var stepProblems = new List<string>();
            var run = Step(step, request, workflow, stepProblems, index == 0 ? input : null, checkInput: index == 0);
            var prefix = steps.Length > 1 ? string.Create(CultureInfo.InvariantCulture, $"step {index + 1} ({step.Plugin}): ") : string.Empty;
            problems.AddRange(stepProblems.Select(p => prefix + p));
            if (run is not null)
            {
                runs.Add(run);
            }
        }

        if (problems.Count > 0)
        {
            throw new RunRequestException(request.Target, problems);
        }

        return new PreparedRun(runId, workflow, input, runs.ToImmutable());
    }

    /// <summary>The plan of the run the request would start: everything a start checks, then what it would execute.</summary>
    /// <exception cref="RunRequestException">Every problem with the request.</exception>
    public RunPlan Plan(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunPlan.Of(request.Target, Prepare(request, cancellationToken));
    }

    /// <summary>
    /// Refuses a request whose input or config holds a value the engine cannot carry, before anything reads it: the
    /// schema checks, the merges and the comparison of an idempotent start read every string and key.
    /// </summary>
    internal static void ThrowIfValuesInvalid(RunRequest request, IReadOnlyList<string> problemsSoFar)
    {
        var problems = ValueProblems(request.Input, request.Config);
        if (problems.Count > 0)
        {
            throw new RunRequestException(request.Target, [.. problemsSoFar, .. problems]);
        }
    }

    /// <summary>
    /// What a retry of <paramref name="original"/> executes (docs/running-workflows.md#retry-a-failed-run): the pinned
    /// plugin version (or the one asked for), the run's input, its effective config with the request's over it, checked
    /// as a start checks them, and the phases before the restart point taken over from the run with their shared data.
    /// </summary>
    /// <param name="original">The stored input of the run retried.</param>
    /// <param name="progress">Its last published progress, with its shared data when it was kept.</param>
    /// <param name="request">The retry asked for.</param>
    /// <exception cref="RunRequestException">Every problem with the request.</exception>
    /// <exception cref="RunConflictException">The version the run is pinned to is not loaded and no other was asked for.</exception>
    public async Task<RunInput> PrepareRetryAsync(RunInput original, RunProgress? progress, RetryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(request);
        var problems = ValueProblems(original.Input, request.Config);
        var plugin = await RetryPluginAsync(original.Plugin, request, problems, cancellationToken);
        if (plugin is null)
        {
            throw new RunRequestException(request.RunId, problems, "retry");
        }

        var (config, phases) = ConfigResolver.Resolve(plugin, original.Config, request.Config, EngineEnvironment.Of(options.Value), problems);
        InputCheck.AgainstPhases(plugin.Manifest, original.Input, problems);
        var units = RestartPoint.Units(phases);
        var finished = (progress?.Completed ?? []).GroupBy(c => c.Phase, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var restart = RestartPoint.Find(request.RunId, $"'{plugin.Identity.Name}' {plugin.Identity.Version}", units, finished, request.From, problems);
        if (restart > 0 && progress?.SharedData is null)
        {
            problems.Add($"run '{request.RunId}' did not keep its shared data ({progress?.Omitted ?? "it published none"}), so the phases before '{units[restart.Value][0].Name}' cannot be taken over; retry it from its first phase: --from {units[0][0].Name}");
        }

        if (problems.Count > 0)
        {
            throw new RunRequestException(request.RunId, problems, "retry");
        }

        return original with
        {
            CreatedAt = null,
            RetryOf = request.RunId,
            Plugin = plugin.Identity,
            Config = config,
            Phases = phases,
            Workspace = string.Empty,
            ParentRunId = null,
            TimeoutMargin = options.Value.TimeoutMargin,
            Redelivery = options.Value.Redelivery,
            Carried = restart > 0
                ? RestartPoint.Seed(request.RunId, units, restart.Value, progress!.Completed, progress.SharedData!, progress.Artifacts)
                : null,
        };
    }

    /// <summary>The values of an input and config the engine cannot carry, and a total length over the limit.</summary>
    private static List<string> ValueProblems(JsonElement? input, ImmutableDictionary<string, JsonElement> config)
    {
        var problems = new List<string>(JsonValues.Problems(input, "input"));
        foreach (var (key, value) in config.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            problems.AddRange(JsonValues.Problems(value, $"config '{key}'"));
        }

        var length = JsonValues.Length(input) + config.Values.Sum(v => JsonValues.Length(v));
        if (length > JsonValues.MaxRunValueBytes)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"input and config: {length:N0} bytes of JSON; a run's input and config may hold at most {JsonValues.MaxRunValueBytes:N0} bytes together (every phase call carries them)"));
        }

        return problems;
    }

    /// <summary>
    /// The plugin version a retry runs on: the pinned one (the current version, or a replaced one from its snapshot,
    /// docs/writing-plugins.md#runs-in-flight), or the loaded one asked for; null with a problem when none is loaded.
    /// </summary>
    /// <exception cref="RunConflictException">The pinned version is neither loaded nor in the snapshot store.</exception>
    private async Task<LoadedPlugin?> RetryPluginAsync(PluginIdentity pinned, RetryRequest request, List<string> problems, CancellationToken cancellationToken)
    {
        var loaded = catalog.List().Where(p => p.Identity.Name == pinned.Name).ToList();
        var versions = loaded.Count == 0
            ? $"no version of plugin '{pinned.Name}' is loaded now ('orchestrator plugins list --all' says why)"
            : $"the loaded version{(loaded.Count == 1 ? " is" : "s are")} {string.Join(", ", loaded.Select(p => $"{p.Identity.Version} (content {Short(p.Identity.ContentHash)})"))}";
        if (request.PluginVersion is { } version)
        {
            var chosen = loaded.FirstOrDefault(p => p.Identity.Version == version)
                ?? loaded.FirstOrDefault(p => version.Length >= 6 && p.Identity.ContentHash.StartsWith(version, StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
            {
                problems.Add($"plugin_version: plugin '{pinned.Name}' has no loaded version '{version}'; {versions}");
            }

            return chosen;
        }

        try
        {
            return await catalog.GetAsync(pinned, cancellationToken);
        }
        catch (PluginVersionUnavailableException)
        {
            throw new RunConflictException(
                $"cannot retry run '{request.RunId}': it is pinned to plugin '{pinned.Name}' {pinned.Version} (content {Short(pinned.ContentHash)}), which is not loaded now; {versions}"
                + (loaded.Count == 0 ? string.Empty : "; retry on one of them with --plugin-version VERSION ('plugin_version' in the API)"));
        }
    }

    private static string Short(string hash) => hash[..Math.Min(12, hash.Length)];

    /// <summary>The workflow the request names, or null when it names a plugin.</summary>
    internal static WorkflowDefinition? WorkflowOf(RunRequest request, WorkflowDiscoveryResult discovered) =>
        request.TargetKind == RunTargetKind.Plugin ? null : discovered.Find(request.Target);

    /// <summary>The one step of a plugin run: any version of the plugin, no config or input of its own.</summary>
    internal static WorkflowStep PluginStep(string plugin) =>
        new(plugin, Semver.SemVersionRange.All, "*", ImmutableDictionary<string, JsonElement>.Empty, null);

    private static string NotFound(RunRequest request) => request.TargetKind switch
    {
        RunTargetKind.Workflow => $"no workflow named '{request.Target}'; workflows are read from --workflows DIR, ./workflows and the XDG config/data 'orchestrator/workflows' directories",
        RunTargetKind.Plugin => $"no plugin named '{request.Target}' is loaded; 'orchestrator plugins list' shows the plugins",
        _ => $"no workflow or plugin named '{request.Target}'; 'orchestrator plugins list' shows the plugins, workflows are read from --workflows DIR, ./workflows and the XDG config/data 'orchestrator/workflows' directories",
    };

    /// <param name="input">The run input; with <paramref name="checkInput"/>, checked against the phases' input_schema.</param>
    /// <param name="checkInput">Whether this step's input is known now (the first step's): later steps get the previous step's result.</param>
    internal RunInput? Step(WorkflowStep step, RunRequest request, WorkflowDefinition? workflow, List<string> problems, JsonElement? input, bool checkInput)
    {
        if (!catalog.TryGet(step.Plugin, out var plugin))
        {
            problems.Add($"plugin '{step.Plugin}' is not loaded; 'orchestrator plugins list --all' shows the plugins found and why any were not loaded");
            return null;
        }

        if (!step.Range.Contains(plugin.Manifest.Version))
        {
            problems.Add($"plugin '{step.Plugin}' is version {plugin.Manifest.Version}, which is outside the range '{step.RangeText}' the workflow asks for");
        }

        var (config, phases) = ConfigResolver.Resolve(plugin, step.Config, request.Config, EngineEnvironment.Of(options.Value), problems);
        if (checkInput)
        {
            InputCheck.AgainstPhases(plugin.Manifest, InputMerge.Merge(step.Input, input), problems);
        }

        return new RunInput
        {
            Workflow = workflow?.Name,
            Plugin = plugin.Identity,
            Config = config,
            Workspace = string.Empty,
            Phases = phases,
            AutoApprove = request.AutoApprove,
            Retention = workflow?.Retention,
            InputDefaults = step.Input,
            TimeoutMargin = options.Value.TimeoutMargin,
            Redelivery = options.Value.Redelivery,
        };
    }
}
