using System.Collections.Immutable;
using Orchestrator.Plugins.Discovery;
using Semver;

namespace Orchestrator.Plugins.Registry;

/// <summary>
/// Checks compatibility and dependencies of a set of plugins (names unique) and orders the accepted ones
/// topologically. A plugin is rejected when it is incompatible, when a dependency is missing or outside
/// its range, or when it is in a cycle; every plugin depending on a rejected one is rejected too, and its
/// message carries the chain (<c>b requires c@^2.0 (found 1.4.0) ← required by a</c>).
/// </summary>
public static class DependencyResolver
{
    /// <summary>Resolves <paramref name="plugins"/> against the Orchestrator version <paramref name="product"/>.</summary>
    public static DependencyResolution Resolve(IEnumerable<DiscoveredPlugin> plugins, SemVersion product)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(product);
        var byName = new SortedDictionary<string, DiscoveredPlugin>(StringComparer.Ordinal);
        foreach (var plugin in plugins)
        {
            if (!byName.TryAdd(plugin.Name, plugin))
            {
                throw new ArgumentException($"plugin names must be unique; '{plugin.Name}' appears twice", nameof(plugins));
            }
        }

        var edges = new List<DependencyEdge>();
        var rejected = new Dictionary<string, (PluginProblemKind Kind, string Message)>(StringComparer.Ordinal);
        foreach (var (name, plugin) in byName)
        {
            var reasons = new List<(PluginProblemKind, string)>();
            if (Compatibility.Check(plugin.Manifest, product) is { } incompatible)
            {
                reasons.Add((PluginProblemKind.Incompatible, incompatible));
            }

            foreach (var dependency in plugin.Manifest.Dependencies)
            {
                var found = byName.TryGetValue(dependency.Name, out var target) ? target.Manifest.Version : null;
                var edge = new DependencyEdge(name, dependency, found);
                edges.Add(edge);
                if (found is null)
                {
                    reasons.Add((PluginProblemKind.MissingDependency, $"{name} requires {dependency} (not found)"));
                }
                else if (!edge.Satisfied)
                {
                    reasons.Add((PluginProblemKind.UnsatisfiedDependency, $"{name} requires {dependency} (found {found})"));
                }
            }

            if (reasons.Count > 0)
            {
                rejected[name] = (reasons[0].Item1, string.Join("; ", reasons.Select(r => r.Item2)));
            }
        }

        var dependsOn = byName.Keys.ToDictionary(
            n => n,
            n => byName[n].Manifest.Dependencies.Select(d => d.Name).Where(byName.ContainsKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);

        foreach (var (name, cycle) in CycleFinder.Find(dependsOn))
        {
            var message = $"dependency cycle: {string.Join(" → ", cycle)}";
            rejected[name] = rejected.TryGetValue(name, out var earlier)
                ? (earlier.Kind, $"{earlier.Message}; {message}")
                : (PluginProblemKind.DependencyCycle, message);
        }

        PropagateToDependents(dependsOn, rejected);

        var accepted = byName.Keys.Where(n => !rejected.ContainsKey(n)).ToList();
        var loadOrder = TopologicalOrder(accepted, dependsOn).Select(n => byName[n]).ToImmutableArray();
        var rejections = rejected
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new PluginProblem(r.Value.Kind, byName[r.Key].Manifest.Directory, r.Value.Message)
            {
                PluginName = r.Key,
                Manifest = byName[r.Key].Manifest,
            })
            .ToImmutableArray();
        return new DependencyResolution(loadOrder, rejections, [.. edges]);
    }

    // Breadth-first from the rejected plugins along reverse edges, so each dependent's message extends
    // the shortest chain to a root cause.
    private static void PropagateToDependents(
        Dictionary<string, List<string>> dependsOn,
        Dictionary<string, (PluginProblemKind Kind, string Message)> rejected)
    {
        var dependents = dependsOn.Keys.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (name, targets) in dependsOn.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var target in targets)
            {
                dependents[target].Add(name);
            }
        }

        var queue = new Queue<string>(rejected.Keys.Order(StringComparer.Ordinal));
        while (queue.TryDequeue(out var name))
        {
            foreach (var dependent in dependents[name])
            {
                if (!rejected.ContainsKey(dependent))
                {
                    rejected[dependent] = (PluginProblemKind.DependencyRejected, $"{rejected[name].Message} ← required by {dependent}");
                    queue.Enqueue(dependent);
                }
            }
        }
    }

    // Kahn's algorithm; among the plugins ready at each step the smallest name goes first, so the order is stable.
    private static List<string> TopologicalOrder(List<string> accepted, Dictionary<string, List<string>> dependsOn)
    {
        var remaining = accepted.ToDictionary(n => n, n => dependsOn[n].Count, StringComparer.Ordinal);
        var dependents = accepted.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var name in accepted)
        {
            foreach (var target in dependsOn[name])
            {
                dependents[target].Add(name);
            }
        }

        var ready = new SortedSet<string>(remaining.Where(p => p.Value == 0).Select(p => p.Key), StringComparer.Ordinal);
        var order = new List<string>(accepted.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            order.Add(next);
            foreach (var dependent in dependents[next])
            {
                if (--remaining[dependent] == 0)
                {
                    ready.Add(dependent);
                }
            }
        }

        return order;
    }
}
