using System.Collections.Concurrent;
using System.Text.Json;
using Orchestrator.Abstractions;
using Orchestrator.Abstractions.Context;

namespace Orchestrator.Engine.Payloads;

/// <summary>Builds a phase's view of the run's shared data from a <see cref="PhaseContextInput"/>, and stores what the next phase needs.</summary>
public static class SharedContextStore
{
    private const string What = "the run's shared data";

    // The view last built of each run (by workspace), with its node: the next phase of a run starts from the node the one
    // before it stored, so it applies only the changes since instead of walking the whole chain. One entry per run, so
    // as many runs as this holds can be in flight without walking chains; cleared when full.
    private const int CachedRuns = 256;
    private static readonly ConcurrentDictionary<string, (string Node, SharedData View)> Views = new(StringComparer.Ordinal);

    /// <summary>
    /// The phase outputs and metadata <paramref name="context"/> names, merged in order (values stored by reference stay
    /// references), and the SHA-256 of the node that holds its changes: stored here when there are any, so the next phase
    /// starts from it.
    /// </summary>
    /// <exception cref="PayloadException">A stored node or result is missing or damaged.</exception>
    public static (SharedData View, string? Head) Build(string workspace, PhaseContextInput context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chain = new Stack<ContextNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        SharedData? view = null;
        for (var sha = context.Head; sha is not null; sha = chain.Peek().Parent)
        {
            if (Views.TryGetValue(workspace, out var cached) && cached.Node == sha)
            {
                view = cached.View;
                break;
            }

            if (!seen.Add(sha))
            {
                throw new PayloadException($"{What} stored in {PayloadStore.FolderOf(workspace)} links back to itself at {sha}: start the run again");
            }

            chain.Push(PayloadStore.GetDocument<ContextNode>(workspace, sha, What));
        }

        view ??= SharedData.Empty;
        foreach (var node in chain)
        {
            view = Apply(workspace, view, node);
        }

        if (context.Changes.IsDefaultOrEmpty)
        {
            Remember(workspace, context.Head, view);
            return (view, context.Head);
        }

        var next = new ContextNode(context.Head, context.Changes);
        var head = PayloadStore.Put(workspace, JsonSerializer.SerializeToUtf8Bytes(next, OrchestratorJson.Options));
        view = Apply(workspace, view, next);
        Remember(workspace, head, view);
        return (view, head);
    }

    private static void Remember(string workspace, string? node, SharedData view)
    {
        if (node is null)
        {
            return;
        }

        if (Views.Count >= CachedRuns && !Views.ContainsKey(workspace))
        {
            Views.Clear();
        }

        Views[workspace] = (node, view);
    }

    /// <summary>Stores a phase's result for the phases after it; returns its SHA-256.</summary>
    public static string Put(string workspace, StoredResult result) =>
        PayloadStore.Put(workspace, JsonSerializer.SerializeToUtf8Bytes(result, OrchestratorJson.Options));

    private static SharedData Apply(string workspace, SharedData view, ContextNode node)
    {
        foreach (var change in node.Changes.IsDefault ? [] : node.Changes)
        {
            if (change is { Phase: { } phase, Result: { } result })
            {
                var stored = PayloadStore.GetDocument<StoredResult>(workspace, result, PayloadStore.OutputOf(phase));
                view = view.WithPhaseOutput(phase, stored.Output ?? default).WithMetadata(stored.Metadata);
            }

            foreach (var (name, output) in change.Outputs)
            {
                view = view.WithPhaseOutput(name, output);
            }

            view = view.WithMetadata(change.Metadata);
        }

        return view;
    }
}
