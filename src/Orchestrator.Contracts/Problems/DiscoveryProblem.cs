using System.Collections.Immutable;
using Orchestrator.Plugins.Discovery;

namespace Orchestrator.Contracts.Problems;

/// <summary>A plugin, manifest or directory that was found but not loaded, and why.</summary>
/// <param name="Kind">
/// The reason: <c>invalid_manifest</c>, <c>shadowed</c>, <c>unreadable_directory</c>, <c>no_manifest</c>,
/// <c>missing_search_path</c>, <c>incompatible</c>, <c>missing_dependency</c>, <c>unsatisfied_dependency</c>,
/// <c>dependency_cycle</c>, <c>dependency_rejected</c> or <c>load_failed</c>.
/// </param>
/// <param name="Plugin">The plugin's name, when its manifest could be read.</param>
/// <param name="Version">The plugin's version, when its manifest is valid.</param>
/// <param name="Path">The plugin directory, manifest or search path concerned.</param>
/// <param name="Message">What is wrong, naming the paths, versions or dependency chain involved.</param>
/// <param name="ManifestProblems">Every problem of an invalid manifest; empty for the other kinds.</param>
public sealed record DiscoveryProblem(
    string Kind, string? Plugin, string? Version, string Path, string Message, ImmutableArray<FileProblem> ManifestProblems)
{
    /// <summary>The contract of a discovery, dependency or load problem.</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>The contract.</returns>
    public static DiscoveryProblem From(PluginProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(
            ContractJson.Name(problem.Kind),
            problem.PluginName,
            problem.Manifest?.Version.ToString(),
            problem.Path,
            problem.Message,
            [.. problem.ManifestProblems.Select(FileProblem.From)]);
    }
}
