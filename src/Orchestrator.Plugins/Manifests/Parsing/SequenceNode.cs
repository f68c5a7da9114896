namespace Orchestrator.Plugins.Manifests.Parsing;

/// <summary>A YAML sequence or JSON array.</summary>
internal sealed class SequenceNode(int line) : ManifestNode(line)
{
    public List<ManifestNode> Items { get; } = [];

    public override string Describe() => "a list";
}
