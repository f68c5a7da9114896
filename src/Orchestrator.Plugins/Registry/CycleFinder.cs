namespace Orchestrator.Plugins.Registry;

/// <summary>Finds the plugins that lie on a dependency cycle, each with one cycle through it.</summary>
internal static class CycleFinder
{
    /// <summary>For every node on a cycle: the cycle as a path that starts and ends at that node.</summary>
    public static IEnumerable<(string Name, List<string> Cycle)> Find(Dictionary<string, List<string>> dependsOn)
    {
        foreach (var component in StronglyConnectedComponents(dependsOn))
        {
            var members = component.ToHashSet(StringComparer.Ordinal);
            var isCycle = component.Count > 1 || dependsOn[component[0]].Contains(component[0], StringComparer.Ordinal);
            if (!isCycle)
            {
                continue;
            }

            foreach (var name in component.Order(StringComparer.Ordinal))
            {
                yield return (name, ShortestCycle(name, members, dependsOn));
            }
        }
    }

    private static List<string> ShortestCycle(string start, HashSet<string> members, Dictionary<string, List<string>> dependsOn)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in dependsOn[node].Where(members.Contains))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var at = node; at != start; at = previous[at])
                    {
                        path.Add(at);
                    }

                    path.Add(start);
                    path.Reverse(1, path.Count - 2);
                    return path;
                }

                if (previous.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return [start, start];
    }

    // Tarjan's algorithm, iterative so that long dependency chains cannot overflow the stack.
    private static List<List<string>> StronglyConnectedComponents(Dictionary<string, List<string>> dependsOn)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var lowLink = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        var counter = 0;

        foreach (var root in dependsOn.Keys.Order(StringComparer.Ordinal))
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(string Node, int Next)>();
            work.Push((root, 0));
            index[root] = lowLink[root] = counter++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                var targets = dependsOn[node];
                if (next < targets.Count)
                {
                    work.Push((node, next + 1));
                    var target = targets[next];
                    if (!index.ContainsKey(target))
                    {
                        index[target] = lowLink[target] = counter++;
                        stack.Push(target);
                        onStack.Add(target);
                        work.Push((target, 0));
                    }
                    else if (onStack.Contains(target))
                    {
                        lowLink[node] = Math.Min(lowLink[node], index[target]);
                    }

                    continue;
                }

                if (work.TryPeek(out var parent))
                {
                    lowLink[parent.Node] = Math.Min(lowLink[parent.Node], lowLink[node]);
                }

                if (lowLink[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);
                    components.Add(component);
                }
            }
        }

        return components;
    }
}
