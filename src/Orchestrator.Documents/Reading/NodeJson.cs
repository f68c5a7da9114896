using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Documents.Nodes;
using Orchestrator.Documents.Parsing;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Documents.Reading;

/// <summary>
/// Converts document nodes into <see cref="JsonElement"/>s (for schemas, config and input values), so YAML and JSON
/// documents yield the same JSON. Recursion is safe: the tree is at most <see cref="ParseLimits.MaxDepth"/> deep.
/// </summary>
public static partial class NodeJson
{
    /// <summary>The node as JSON; a number JSON cannot hold is reported and written as null.</summary>
    /// <param name="node">The node.</param>
    /// <param name="path">The node's field path, for problems.</param>
    /// <param name="problems">Where problems go.</param>
    /// <returns>A JSON value that outlives the parse.</returns>
    public static JsonElement ToElement(DocumentNode node, string path, ProblemCollector problems)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            Write(writer, node, path, problems);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = ParseLimits.MaxDepth + 1 });
        return document.RootElement.Clone();
    }

    /// <summary>A mapping's entries as key → JSON value.</summary>
    /// <param name="mapping">The mapping.</param>
    /// <param name="path">The mapping's field path, for problems.</param>
    /// <param name="problems">Where problems go.</param>
    /// <returns>The entries, keyed ordinally.</returns>
    public static ImmutableDictionary<string, JsonElement> ToDictionary(MappingNode mapping, string path, ProblemCollector problems) =>
        mapping.Entries.ToImmutableDictionary(
            e => e.Key,
            e => ToElement(e.Value, FieldPath.Child(path, e.Key), problems),
            StringComparer.Ordinal);

    private static void Write(Utf8JsonWriter writer, DocumentNode node, string path, ProblemCollector problems)
    {
        switch (node)
        {
            case MappingNode mapping:
                writer.WriteStartObject();
                foreach (var entry in mapping.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    Write(writer, entry.Value, FieldPath.Child(path, entry.Key), problems);
                }

                writer.WriteEndObject();
                break;
            case SequenceNode sequence:
                writer.WriteStartArray();
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    Write(writer, sequence.Items[i], FieldPath.Index(path, i), problems);
                }

                writer.WriteEndArray();
                break;
            case ScalarNode scalar:
                WriteScalar(writer, scalar, path, problems);
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, ScalarNode scalar, string path, ProblemCollector problems)
    {
        switch (scalar.Kind)
        {
            case ScalarKind.String:
                writer.WriteStringValue(scalar.Value);
                break;
            case ScalarKind.Boolean:
                writer.WriteBooleanValue(string.Equals(scalar.Value, "true", StringComparison.OrdinalIgnoreCase));
                break;
            case ScalarKind.Null:
                writer.WriteNullValue();
                break;
            case ScalarKind.Integer or ScalarKind.Float when JsonNumber().IsMatch(scalar.Value):
                writer.WriteRawValue(scalar.Value, skipInputValidation: true);
                break;
            case ScalarKind.Integer when scalar.IntegerValue() is { } integer:
                writer.WriteRawValue(integer.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            case ScalarKind.Integer:
                problems.Error(path, scalar.Line, $"the number has more than {ScalarNode.MaxIntegerDigits} digits; write it as a JSON number or a string");
                writer.WriteNullValue();
                break;
            default:
                if (double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    writer.WriteNumberValue(number);
                }
                else
                {
                    problems.Error(path, scalar.Line, $"{scalar.Value} cannot be represented in JSON; use a finite number or quote it");
                    writer.WriteNullValue();
                }

                break;
        }
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
