namespace Orchestrator.Plugins.Manifests.Parsing;

/// <summary>A YAML mapping or JSON object with string keys, in file order (duplicates are rejected while parsing).</summary>
internal sealed class MappingNode(int line) : ManifestNode(line)
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public List<MappingEntry> Entries { get; } = [];

    public bool ContainsKey(string key) => _index.ContainsKey(key);

    public bool TryGetValue(string key, out ManifestNode value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = Entries[i].Value;
            return true;
        }

        value = null!;
        return false;
    }

    /// <summary>Adds an entry; false when the key is already present.</summary>
    public bool TryAdd(string key, int keyLine, ManifestNode value)
    {
        if (!_index.TryAdd(key, Entries.Count))
        {
            return false;
        }

        Entries.Add(new MappingEntry(key, keyLine, value));
        return true;
    }

    public override string Describe() => "a mapping";
}
