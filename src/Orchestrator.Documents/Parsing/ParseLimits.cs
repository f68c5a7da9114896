namespace Orchestrator.Documents.Parsing;

/// <summary>Bounds that keep hostile documents from exhausting the stack, memory or time.</summary>
public static class ParseLimits
{
    /// <summary>Deepest nesting of lists and mappings accepted; manifests with inline schemas need far less.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most YAML alias uses (<c>*name</c>) accepted in one document.</summary>
    public const int MaxAliases = 1000;

    /// <summary>Most nodes a document may hold with every alias expanded (stops "billion laughs").</summary>
    public const int MaxExpandedNodes = 200_000;
}
