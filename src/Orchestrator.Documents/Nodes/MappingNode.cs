namespace Orchestrator.Documents.Nodes;

/// <summary>A YAML mapping or JSON object with string keys, in file order (duplicates are rejected while parsing).</summary>
/// <param name="line">The 1-based line the mapping starts on.</param>
public sealed class MappingNode(int line) : DocumentNode(line)
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<MappingEntry> _entries = [];

    /// <summary>The entries in the order they were written.</summary>
    public IReadOnlyList<MappingEntry> Entries => _entries;

    /// <summary>Whether the mapping has <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>True when present, whatever its value.</returns>
    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <summary>The value of <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value when present.</param>
    /// <returns>True when the key is present.</returns>
    public bool TryGetValue(string key, out DocumentNode value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = _entries[i].Value;
            return true;
        }

        value = null!;
        return false;
    }

    /// <inheritdoc/>
    public override string Describe() => "a mapping";

    /// <summary>Adds an entry while parsing; false when the key is already present.</summary>
    internal bool TryAdd(string key, int keyLine, DocumentNode value)
    {
        if (!_index.TryAdd(key, _entries.Count))
        {
            return false;
        }

        _entries.Add(new MappingEntry(key, keyLine, value));
        return true;
    }
}
