namespace Orchestrator.Documents.Nodes;

/// <summary>The resolved type of a scalar (YAML 1.2 core schema for plain YAML scalars, the token type for JSON).</summary>
public enum ScalarKind
{
    /// <summary>Text: any quoted scalar, and a plain one that is no other kind.</summary>
    String,

    /// <summary>A whole number (decimal, or YAML <c>0x</c>/<c>0o</c>).</summary>
    Integer,

    /// <summary>A number with a fraction or exponent (and YAML <c>.inf</c>, <c>.nan</c>).</summary>
    Float,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary><c>null</c>, <c>~</c> or an empty plain YAML value.</summary>
    Null,
}
