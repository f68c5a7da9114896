using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Plugins.Manifests.Parsing;

namespace Orchestrator.Plugins.Manifests.Validation;

/// <summary>
/// Converts manifest nodes into <see cref="JsonElement"/>s (for schemas and config values), so YAML and JSON
/// manifests yield the same JSON. Recursion is safe: the tree is at most <see cref="ParseLimits.MaxDepth"/> deep.
/// </summary>
internal static partial class NodeJson
{
    public static JsonElement ToElement(ManifestNode node, string path, ProblemCollector problems)
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
    public static ImmutableDictionary<string, JsonElement> ToDictionary(MappingNode mapping, string path, ProblemCollector problems) =>
        mapping.Entries.ToImmutableDictionary(
            e => e.Key,
            e => ToElement(e.Value, FieldPath.Child(path, e.Key), problems),
            StringComparer.Ordinal);

    private static void Write(Utf8JsonWriter writer, ManifestNode node, string path, ProblemCollector problems)
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
