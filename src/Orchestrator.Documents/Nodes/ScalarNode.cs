using System.Globalization;
using System.Numerics;

namespace Orchestrator.Documents.Nodes;

/// <summary>A string, number, boolean or null. <see cref="Value"/> is the text as written (for JSON numbers, the raw token).</summary>
/// <param name="value">The text as written.</param>
/// <param name="kind">The resolved type.</param>
/// <param name="line">The 1-based line of the scalar.</param>
public sealed class ScalarNode(string value, ScalarKind kind, int line) : DocumentNode(line)
{
    /// <summary>Longest integer text converted; parsing huge digit strings is slow and no field needs them.</summary>
    public const int MaxIntegerDigits = 100;

    /// <summary>The text as written (for JSON numbers, the raw token; for booleans and null, the keyword).</summary>
    public string Value { get; } = value;

    /// <summary>The resolved type.</summary>
    public ScalarKind Kind { get; } = kind;

    /// <summary>The integer value (decimal, or YAML <c>0x</c>/<c>0o</c>).</summary>
    /// <returns>The value; null when this is not an integer or is absurdly long.</returns>
    public BigInteger? IntegerValue() => Kind != ScalarKind.Integer || Value.Length > MaxIntegerDigits ? null : Value switch
    {
        _ when Value.StartsWith("0x", StringComparison.Ordinal) => BigInteger.Parse("0" + Value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        _ when Value.StartsWith("0o", StringComparison.Ordinal) => Value[2..].Aggregate(BigInteger.Zero, (acc, c) => (acc * 8) + (c - '0')),
        _ => BigInteger.Parse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
    };

    /// <inheritdoc/>
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
