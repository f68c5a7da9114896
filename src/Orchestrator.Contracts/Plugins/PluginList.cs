using System.Collections.Immutable;
using Orchestrator.Contracts.Problems;
using Orchestrator.Plugins.Discovery;

namespace Orchestrator.Contracts.Plugins;

/// <summary>
/// <c>plugins list --json</c> and <c>GET /api/plugins</c>: the loaded plugins, sorted by name; with <c>--all</c> /
/// <c>?all=true</c> also those found but not loaded (after the loaded ones), and every problem.
/// </summary>
/// <param name="Plugins">The plugins.</param>
/// <param name="Problems">What was found but not loaded; empty unless all were asked for.</param>
public sealed record PluginList(ImmutableArray<PluginSummary> Plugins, ImmutableArray<DiscoveryProblem> Problems)
{
    /// <summary>The list of the loaded plugins and of the problems of those that did not load.</summary>
    /// <param name="loaded">The loaded plugins.</param>
    /// <param name="problems">The problems to list; a problem with a valid manifest also lists its plugin, with the problem kind as its status.</param>
    /// <param name="audience">Who it is for.</param>
    /// <returns>The list.</returns>
    public static PluginList From(IEnumerable<PluginSummary> loaded, IReadOnlyCollection<PluginProblem> problems, Audience audience)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(problems);
        var notLoaded = problems
            .Where(p => p.Manifest is not null)
            .Select(p => PluginSummary.From(p.Manifest!, ContractJson.Name(p.Kind), null, audience));
        return new([.. loaded.Concat(notLoaded)], [.. problems.Select(DiscoveryProblem.From)]);
    }
}
