using System.Collections.Immutable;
using Orchestrator.Contracts.Problems;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Reload;

namespace Orchestrator.Contracts.Plugins;

/// <summary>What a reload loaded and changed: <c>plugins reload --json</c> and <c>POST /api/plugins/reload</c>.</summary>
/// <param name="Loaded">Every plugin loaded now, sorted by name.</param>
/// <param name="Added">Plugins loaded now that were not before.</param>
/// <param name="Updated">Plugins whose version or content changed.</param>
/// <param name="Removed">Plugins no longer loaded.</param>
/// <param name="Problems">What was found but not loaded.</param>
public sealed record ReloadResult(
    ImmutableArray<PluginVersion> Loaded,
    ImmutableArray<PluginVersion> Added,
    ImmutableArray<PluginVersionChange> Updated,
    ImmutableArray<PluginVersion> Removed,
    ImmutableArray<DiscoveryProblem> Problems)
{
    /// <summary>The contract of a reload.</summary>
    /// <param name="loaded">The plugins loaded after it.</param>
    /// <param name="changes">What it changed.</param>
    /// <param name="problems">The problems to show (all of <paramref name="changes"/>' or fewer).</param>
    /// <returns>The contract.</returns>
    public static ReloadResult From(IEnumerable<PluginIdentity> loaded, PluginReloadResult changes, IEnumerable<PluginProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(problems);
        return new(
            [.. loaded.OrderBy(p => p.Name, StringComparer.Ordinal).Select(PluginVersion.From)],
            [.. changes.Added.Select(PluginVersion.From)],
            [.. changes.Updated.Select(PluginVersionChange.From)],
            [.. changes.Removed.Select(PluginVersion.From)],
            [.. problems.Select(DiscoveryProblem.From)]);
    }
}
