using Orchestrator.Abstractions;

namespace Orchestrator.Documents.Parsing;

/// <summary>The text cannot be turned into a tree (malformed, too deep, too many aliases...); becomes one problem.</summary>
internal sealed class DocumentSyntaxException(string message, int? line, string fieldPath = "") : OrchestratorException(message)
{
    public int? Line { get; } = line;
    public string FieldPath { get; } = fieldPath;
}
