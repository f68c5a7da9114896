namespace Orchestrator.Documents.Nodes;

/// <summary>
/// A node of a parsed document (a plugin manifest, a workflow file), the same whether it was written in YAML or
/// JSON, remembering the 1-based line it starts on so that every problem can name it.
/// </summary>
public abstract class DocumentNode
{
    /// <summary>Creates a node that starts on <paramref name="line"/>.</summary>
    /// <param name="line">The 1-based line of the node in its document.</param>
    protected DocumentNode(int line) => Line = line;

    /// <summary>The 1-based line the node starts on.</summary>
    public int Line { get; }

    /// <summary>How the node is named in messages: "a string", "a list", ...</summary>
    /// <returns>A short description with an article, for example <c>a mapping</c> or <c>an integer (3)</c>.</returns>
    public abstract string Describe();
}
