namespace Orchestrator.Plugins.Manifests.Parsing;

/// <summary>A string, number, boolean or null. <see cref="Value"/> is the text as written (for JSON numbers, the raw token).</summary>
internal sealed class ScalarNode(string value, ScalarKind kind, int line) : ManifestNode(line)
{
    public string Value { get; } = value;
    public ScalarKind Kind { get; } = kind;

    public override string Describe()
    {
        var shown = Value.Length > 40 ? string.Concat(Value.AsSpan(0, 40), "...") : Value;
        return Kind switch
        {
            ScalarKind.String => $"a string (\"{shown}\")",
            ScalarKind.Integer => $"an integer ({shown})",
            ScalarKind.Float => $"a number ({shown})",
            ScalarKind.Boolean => $"a boolean ({shown})",
            _ => "null",
        };
    }
}
