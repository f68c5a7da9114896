namespace Orchestrator.Plugins.Manifests.Parsing;

/// <summary>A node of a parsed manifest, independent of YAML or JSON, remembering its 1-based line.</summary>
internal abstract class ManifestNode(int line)
{
    public int Line { get; } = line;

    /// <summary>How the node is named in messages: "a string", "a list", ...</summary>
    public abstract string Describe();
}
