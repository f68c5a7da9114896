using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Runs;

/// <summary>The plugin run of one step of a <see cref="RunPlan"/>: the version it pins, its config and its phases in the order they run.</summary>
/// <param name="Plugin">The exact plugin version the run would pin (name, version, content hash).</param>
/// <param name="Config">The effective run config: plugin defaults, workflow step config, request config.</param>
/// <param name="Groups">The phases grouped by <c>order</c>, in the order the groups run.</param>
/// <param name="TimeoutMargin">The wait beyond a phase's timeout before the engine gives an attempt up.</param>
public sealed record StepPlan(
    PluginIdentity Plugin, ImmutableDictionary<string, JsonElement> Config, ImmutableArray<PhaseGroup> Groups, TimeSpan TimeoutMargin)
{
    /// <summary>The sum of <c>estimated_time</c> on the longest path through the groups.</summary>
    public TimeSpan EstimatedTime => Groups.Aggregate(TimeSpan.Zero, (sum, group) => sum + group.EstimatedTime);

    /// <summary>The longest the step can take (see <see cref="RunPlan.WorstCaseTime"/>); null when a phase has no timeout.</summary>
    public TimeSpan? WorstCaseTime => Groups.Any(g => g.WorstCaseTime(TimeoutMargin) is null)
        ? null
        : Groups.Aggregate(TimeSpan.Zero, (sum, group) => sum + group.WorstCaseTime(TimeoutMargin)!.Value);

    /// <summary>The phases without a timeout: while any is there, nothing bounds the worst case.</summary>
    public IEnumerable<string> UntimedPhases => Groups.SelectMany(g => g.Phases).Where(p => p.Timeout is null).Select(p => p.Name);

    internal static StepPlan Of(RunInput run) => new(
        run.Plugin,
        run.Config,
        [.. run.Phases.GroupBy(p => p.Order).OrderBy(g => g.Key).Select(g => PhaseGroup.Of(g.Key, [.. g]))],
        run.TimeoutMargin);
}
