namespace Orchestrator.Plugins.Manifests.Parsing;

/// <summary>The resolved type of a scalar (YAML 1.2 core schema for plain YAML scalars, the token type for JSON).</summary>
internal enum ScalarKind
{
    String,
    Integer,
    Float,
    Boolean,
    Null,
}
