namespace Orchestrator.Documents.Parsing;

/// <summary>The syntax a document is written in; both carry the same fields with snake_case keys.</summary>
public enum DocumentFormat
{
    /// <summary>YAML 1.2 (<c>.yaml</c> or <c>.yml</c>), one document per file.</summary>
    Yaml,

    /// <summary>JSON (<c>.json</c>), without comments or trailing commas.</summary>
    Json,
}
