using Orchestrator.Abstractions;

namespace Orchestrator.Plugins.Manifests.Parsing;

/// <summary>The manifest text cannot be turned into a tree (malformed, too deep, too many aliases, duplicate key...).</summary>
internal sealed class ManifestSyntaxException(string message, int? line, string fieldPath = "") : OrchestratorException(message)
{
    public int? Line { get; } = line;
    public string FieldPath { get; } = fieldPath;
}
