using System.Collections.Concurrent;
using System.Collections.Immutable;
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
    /// A node is stored only once the changes an attempt is sent are more than this many bytes of JSON: below it they
    /// stay in the attempt's input, which costs less than a file per phase, and above it the input stops growing.
    /// </summary>
    public const int InlineChangesBytes = 4 * 1024;

    /// <summary>A phase result of at most this many bytes of JSON stays in the history instead of being stored (see <see cref="Put"/>).</summary>
    public const int InlineResultBytes = 1024;

    // Stored results by workspace and SHA-256: their files never change (the name is the hash of the content), so the
    // phases that are sent the same changes do not read them again. Bounded by bytes, cleared when full.
    private const long CachedResultBytes = 32L * 1024 * 1024;
    private static readonly ConcurrentDictionary<(string Workspace, string Sha), StoredResult> Results = new();
    private static long _cachedResultBytes;

    /// <summary>
    /// The phase outputs and metadata <paramref name="context"/> names, merged in order (values stored by reference stay
    /// references), and the SHA-256 of the node the next phase may start from: a new node holding the changes when they
    /// are over <see cref="InlineChangesBytes"/>, otherwise <see cref="PhaseContextInput.Head"/> as it was.
    /// </summary>
    /// <exception cref="PayloadException">A stored node or result is missing or damaged.</exception>
    public static (SharedData View, string? Head) Build(string workspace, PhaseContextInput context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var view = HeadView(workspace, context.Head);
        if (context.Changes.IsDefaultOrEmpty)
        {
            return (view, context.Head);
        }

        // Changes surely within the limit are not serialized only to be measured.
        var bytes = JsonSize.Frame + context.Changes.Sum(JsonSize.Bound) <= InlineChangesBytes
            ? null
            : JsonSerializer.SerializeToUtf8Bytes(new ContextNode(context.Head, context.Changes), OrchestratorJson.Options);
        if (bytes is null || bytes.Length <= InlineChangesBytes)
        {
            return (Apply(workspace, view, context.Changes), context.Head);
        }

        var head = PayloadStore.Put(workspace, bytes);
        view = Apply(workspace, view, context.Changes);
        Remember(workspace, head, view);
        return (view, head);
    }

    /// <summary>The phase outputs and metadata <paramref name="context"/> names, as <see cref="Build"/> merges them, without storing anything.</summary>
    /// <exception cref="PayloadException">A stored node or result is missing or damaged.</exception>
    public static SharedData Read(string workspace, PhaseContextInput context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Apply(workspace, HeadView(workspace, context.Head), context.Changes);
    }

    // The view the chain of nodes ending at head holds, from the cache where it has the run's view of that node.
    private static SharedData HeadView(string workspace, string? head)
    {
        var chain = new Stack<ContextNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        SharedData? view = null;
        for (var sha = head; sha is not null; sha = chain.Peek().Parent)
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
            view = Apply(workspace, view, node.Changes);
        }

        Remember(workspace, head, view);
        return view;
    }

    /// <summary>Drops what is cached of <paramref name="workspace"/>: called when the workspace is deleted.</summary>
    public static void Forget(string workspace)
    {
        Views.TryRemove(workspace, out _);
        foreach (var key in Results.Keys.Where(k => k.Workspace == workspace))
        {
            Results.TryRemove(key, out _);
        }
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

    /// <summary>
    /// Stores a phase's result for the phases after it and returns its SHA-256; null when its JSON is at most
    /// <see cref="InlineResultBytes"/>, and the phases after it are sent the result itself.
    /// </summary>
    public static string? Put(string workspace, StoredResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (JsonSize.Bound(result) <= InlineResultBytes)
        {
            return null;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(result, OrchestratorJson.Options);
        return bytes.Length <= InlineResultBytes ? null : PayloadStore.Put(workspace, bytes);
    }

    private static StoredResult Get(string workspace, string phase, string sha)
    {
        if (Results.TryGetValue((workspace, sha), out var cached))
        {
            return cached;
        }

        var bytes = PayloadStore.Get(workspace, sha, PayloadStore.OutputOf(phase));
        var stored = PayloadStore.Read<StoredResult>(workspace, sha, bytes, PayloadStore.OutputOf(phase));
        if (Interlocked.Add(ref _cachedResultBytes, bytes.Length) > CachedResultBytes)
        {
            Results.Clear();
            Interlocked.Exchange(ref _cachedResultBytes, bytes.Length);
        }

        Results[(workspace, sha)] = stored;
        return stored;
    }

    private static SharedData Apply(string workspace, SharedData view, ImmutableArray<ContextChange> changes)
    {
        foreach (var change in changes.IsDefault ? [] : changes)
        {
            if (change is { Phase: { } phase, Result: { } result })
            {
                var stored = Get(workspace, phase, result);
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
