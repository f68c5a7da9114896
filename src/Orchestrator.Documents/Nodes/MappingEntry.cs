namespace Orchestrator.Documents.Nodes;

/// <summary>One key of a <see cref="MappingNode"/> with the line the key is on.</summary>
/// <param name="Key">The key.</param>
/// <param name="KeyLine">The 1-based line of the key (a warning about an unknown key points here).</param>
/// <param name="Value">The value.</param>
public sealed record MappingEntry(string Key, int KeyLine, DocumentNode Value);
