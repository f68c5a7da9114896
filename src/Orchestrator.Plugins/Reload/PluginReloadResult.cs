using System.Collections.Immutable;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Plugins.Reload;

/// <summary>What a reload changed.</summary>
/// <param name="Added">Plugins loaded now that were not before.</param>
/// <param name="Updated">Plugins whose version or content hash changed.</param>
/// <param name="Removed">Plugins no longer loaded.</param>
/// <param name="Problems">Everything found but not loaded now (invalid, shadowed, rejected, failed to load).</param>
public sealed record PluginReloadResult(
    ImmutableArray<PluginIdentity> Added,
    ImmutableArray<PluginUpdate> Updated,
    ImmutableArray<PluginIdentity> Removed,
    ImmutableArray<PluginProblem> Problems)
{
    /// <summary>True when any plugin was added, updated or removed.</summary>
    public bool HasChanges => !Added.IsEmpty || !Updated.IsEmpty || !Removed.IsEmpty;

    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/> (one identity per name in each).</summary>
    public static PluginReloadResult Compare(IEnumerable<PluginIdentity> before, IEnumerable<PluginIdentity> after, ImmutableArray<PluginProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var now = after.ToDictionary(p => p.Name, StringComparer.Ordinal);
        return new PluginReloadResult(
            [.. now.Values.Where(p => !old.ContainsKey(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal)],
            [.. now.Values.Where(p => old.TryGetValue(p.Name, out var o) && o != p).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new PluginUpdate(old[p.Name], p))],
            [.. old.Values.Where(p => !now.ContainsKey(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal)],
            problems);
    }
}
