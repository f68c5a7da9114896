using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Engine.Workflows;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Manifests;
using Orchestrator.Plugins.Registry;

namespace Orchestrator.Contracts.Workflows;

/// <summary>A step of a workflow: the plugin and versions it asks for, and what the plugin search paths hold for it.</summary>
/// <param name="Plugin">The plugin the step runs.</param>
/// <param name="Range">The accepted versions as written (<c>*</c> for any).</param>
/// <param name="Config">Config the step sets over the plugin's defaults.</param>
/// <param name="Input">The step's input defaults; null when it sets none.</param>
/// <param name="FoundVersion">The version found under that name; null when there is none.</param>
/// <param name="Status"><c>loaded</c>, <c>outside_range</c>, <c>not_found</c>, or the kind of problem that kept the plugin out.</param>
public sealed record WorkflowStepStatus(
    string Plugin, string Range, ImmutableSortedDictionary<string, JsonElement> Config, JsonElement? Input, string? FoundVersion, string Status)
{
    /// <summary>The contract of a step, looked up among the plugins a registry resolved.</summary>
    /// <param name="step">The step.</param>
    /// <param name="plugins">The plugins found.</param>
    /// <returns>The contract.</returns>
    public static WorkflowStepStatus From(WorkflowStep step, RegistrySnapshot plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        return From(step, plugins.Plugins.TryGetValue(step?.Plugin ?? string.Empty, out var plugin) ? plugin.Manifest : null, plugins.Problems);
    }

    /// <summary>The contract of a step, looked up among the plugins a running catalog loaded (the REST API's view).</summary>
    /// <param name="step">The step.</param>
    /// <param name="plugins">The loaded plugins.</param>
    /// <returns>The contract.</returns>
    public static WorkflowStepStatus From(WorkflowStep step, PluginCatalog plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        return From(step, plugins.TryGet(step?.Plugin ?? string.Empty, out var plugin) ? plugin.Manifest : null, plugins.Problems);
    }

    private static WorkflowStepStatus From(WorkflowStep? step, PluginManifest? loaded, IEnumerable<PluginProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(step);
        var config = step.Config.ToImmutableSortedDictionary(StringComparer.Ordinal);
        if (loaded is not null)
        {
            var version = loaded.Version;
            return new(step.Plugin, step.RangeText, config, step.Input, version.ToString(), step.Range.Contains(version) ? "loaded" : "outside_range");
        }

        var problem = problems.FirstOrDefault(p => p.PluginName == step.Plugin && p.Kind != PluginProblemKind.Shadowed);
        return new(step.Plugin, step.RangeText, config, step.Input, problem?.Manifest?.Version.ToString(), problem is null ? "not_found" : ContractJson.Name(problem.Kind));
    }
}
