using Orchestrator.Documents.Nodes;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Documents.Parsing;

/// <summary>
/// Builds a <see cref="DocumentNode"/> tree from a flat stream of parse events without recursion, enforcing
/// the depth and size limits and rejecting duplicate keys. Shared by the YAML and JSON readers so both
/// formats obey identical rules and produce identical messages.
/// </summary>
internal sealed class TreeBuilder(ProblemCollector problems)
{
    private readonly Stack<Frame> _frames = new();
    private long _expandedNodes;

    public DocumentNode? Root { get; private set; }

    public bool IsComplete => Root is not null && _frames.Count == 0;

    /// <summary>Path of the value about to be added, e.g. <c>phases[2].timeout</c>.</summary>
    public string CurrentPath => _frames.TryPeek(out var frame) ? frame.ChildPath() : string.Empty;

    public bool ExpectsKey => _frames.TryPeek(out var frame) && frame.Node is MappingNode && frame.PendingKey is null;

    public void Key(string key, int line)
    {
        var frame = _frames.Peek();
        if (frame.Node is MappingNode mapping && mapping.ContainsKey(key))
        {
            problems.Error(frame.PathOf(key), line, $"duplicate key '{key}'; each key may appear only once in a mapping");
            frame.DiscardNextValue = true;
        }

        frame.PendingKey = key;
        frame.PendingKeyLine = line;
    }

    public void StartContainer(DocumentNode container)
    {
        if (_frames.Count >= ParseLimits.MaxDepth)
        {
            throw new DocumentSyntaxException(
                $"nesting is deeper than {ParseLimits.MaxDepth} levels; flatten the document", container.Line, CurrentPath);
        }

        Count(1, container.Line);
        var path = CurrentPath;
        _frames.Push(new Frame(container, path));
    }

    /// <summary>Closes the innermost container and returns it with its weight (node count, aliases expanded).</summary>
    public (DocumentNode Node, long Weight) EndContainer()
    {
        var frame = _frames.Pop();
        Attach(frame.Node, frame.Weight);
        return (frame.Node, frame.Weight);
    }

    public void Scalar(ScalarNode scalar)
    {
        Count(1, scalar.Line);
        Attach(scalar, 1);
    }

    /// <summary>Adds an already built node again (a YAML alias); its full weight counts against the size limit.</summary>
    public void Alias(DocumentNode node, long weight, int line)
    {
        Count(weight, line);
        Attach(node, weight);
    }

    private void Count(long weight, int line)
    {
        _expandedNodes += weight;
        if (_expandedNodes > ParseLimits.MaxExpandedNodes)
        {
            throw new DocumentSyntaxException(
                $"the document expands to more than {ParseLimits.MaxExpandedNodes} values (aliases included); it is too large or an alias bomb",
                line,
                CurrentPath);
        }
    }

    private void Attach(DocumentNode node, long weight)
    {
        if (!_frames.TryPeek(out var parent))
        {
            Root = node;
            return;
        }

        parent.Weight += weight;
        switch (parent.Node)
        {
            case SequenceNode sequence:
                sequence.Add(node);
                break;
            case MappingNode mapping:
                if (!parent.DiscardNextValue)
                {
                    mapping.TryAdd(parent.PendingKey!, parent.PendingKeyLine, node);
                }

                parent.PendingKey = null;
                parent.DiscardNextValue = false;
                break;
        }
    }

    private sealed class Frame(DocumentNode node, string path)
    {
        public DocumentNode Node { get; } = node;
        public string Path { get; } = path;
        public long Weight { get; set; } = 1;
        public string? PendingKey { get; set; }
        public int PendingKeyLine { get; set; }
        public bool DiscardNextValue { get; set; }

        public string PathOf(string key) => FieldPath.Child(Path, key);

        public string ChildPath() => Node switch
        {
            SequenceNode sequence => FieldPath.Index(Path, sequence.Items.Count),
            _ => PendingKey is null ? Path : PathOf(PendingKey),
        };
    }
}
