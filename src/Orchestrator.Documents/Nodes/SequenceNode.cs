namespace Orchestrator.Documents.Nodes;

/// <summary>A YAML sequence or JSON array.</summary>
/// <param name="line">The 1-based line the sequence starts on.</param>
public sealed class SequenceNode(int line) : DocumentNode(line)
{
    private readonly List<DocumentNode> _items = [];

    /// <summary>The items in order.</summary>
    public IReadOnlyList<DocumentNode> Items => _items;

    /// <inheritdoc/>
    public override string Describe() => "a list";

    /// <summary>Appends an item while parsing.</summary>
    internal void Add(DocumentNode item) => _items.Add(item);
}
