using System.Collections.Immutable;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>One group of a run's phases in execution order: the phases of one order, without those a retry took over.</summary>
/// <param name="Parallel">Whether the group runs in parallel, decided on the whole group (also the phases left out).</param>
/// <param name="Phases">The phases the run executes, in manifest order; never empty.</param>
internal sealed record ExecutionGroup(bool Parallel, ImmutableArray<PhasePlan> Phases)
{
    /// <summary>
    /// The groups of <paramref name="input"/>'s phases by ascending order. Every episode replays the run from its first
    /// group: phases listed by order, as manifests list them, are grouped in one pass without sorting.
    /// </summary>
    public static List<ExecutionGroup> Of(RunInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var phases = input.Phases;
        var carried = input.Carried?.Phases ?? [];
        var groups = new List<ExecutionGroup>();
        var ordered = phases.AsSpan();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Order < ordered[i - 1].Order)
            {
                ordered = phases.OrderBy(p => p.Order).ToArray();
                break;
            }
        }

        for (var start = 0; start < ordered.Length;)
        {
            var end = start + 1;
            var parallel = ordered[start].Parallel;
            while (end < ordered.Length && ordered[end].Order == ordered[start].Order)
            {
                parallel &= ordered[end].Parallel;
                end++;
            }

            var group = ImmutableArray.CreateBuilder<PhasePlan>(end - start);
            foreach (var phase in ordered[start..end])
            {
                if (carried.IsEmpty || !carried.Any(c => c.Phase == phase.Name))
                {
                    group.Add(phase);
                }
            }

            if (group.Count > 0)
            {
                groups.Add(new ExecutionGroup(end - start > 1 && parallel, group.DrainToImmutable()));
            }

            start = end;
        }

        return groups;
    }
}
