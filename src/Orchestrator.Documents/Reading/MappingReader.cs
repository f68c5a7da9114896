using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Documents.Nodes;
using Orchestrator.Documents.Problems;
using Orchestrator.Documents.Schemas;
using Orchestrator.Documents.Values;

namespace Orchestrator.Documents.Reading;

/// <summary>
/// Reads typed fields out of one mapping, reporting each missing or mistyped field with its path and line,
/// and remembering which keys were read so that the rest can be reported as unknown
/// (<see cref="WarnUnknownKeys"/>). A typed read that fails records the problem and returns null (or the default).
/// </summary>
/// <param name="mapping">The mapping to read.</param>
/// <param name="path">The mapping's field path (empty for the document root), which problems are prefixed with.</param>
/// <param name="problems">Where problems go.</param>
public sealed class MappingReader(MappingNode mapping, string path, ProblemCollector problems)
{
    /// <summary>Unknown keys reported one by one per mapping; the rest are summed up in one warning.</summary>
    private const int MaxUnknownKeyWarnings = 50;

    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>The mapping being read.</summary>
    public MappingNode Mapping { get; } = mapping;

    /// <summary>The mapping's field path.</summary>
    public string Path { get; } = path;

    /// <summary>Where problems go.</summary>
    public ProblemCollector Problems { get; } = problems;

    /// <summary>The field path of <paramref name="key"/> in this mapping.</summary>
    /// <param name="key">The key.</param>
    /// <returns>For example <c>phases[2].timeout</c>.</returns>
    public string PathOf(string key) => FieldPath.Child(Path, key);

    /// <summary>The value of <paramref name="key"/>, or null when absent or null; reports a missing required field.</summary>
    /// <param name="key">The key, which counts as known from now on.</param>
    /// <param name="required">Report an error when the key is missing or null.</param>
    /// <returns>The value node, or null.</returns>
    public DocumentNode? Get(string key, bool required = false)
    {
        _known.Add(key);
        if (Mapping.TryGetValue(key, out var node) && node is not ScalarNode { Kind: ScalarKind.Null })
        {
            return node;
        }

        if (required && Mapping.TryGetValue(key, out var nullNode))
        {
            Problems.Error(PathOf(key), nullNode.Line, "is required but has no value");
        }
        else if (required)
        {
            Problems.Error(PathOf(key), Mapping.Line, "is required but missing");
        }

        return null;
    }

    /// <summary>Reports that <paramref name="key"/> holds the wrong kind of value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="node">Its value.</param>
    /// <param name="expected">What was expected, with an article: <c>a string</c>.</param>
    public void Mistyped(string key, DocumentNode node, string expected) =>
        Problems.Error(PathOf(key), node.Line, $"expected {expected}, got {node.Describe()}");

    /// <summary>Reports that the value of <paramref name="key"/> is not acceptable.</summary>
    /// <param name="key">The key.</param>
    /// <param name="node">Its value, whose line the problem carries.</param>
    /// <param name="message">What is wrong and what to write instead.</param>
    public void Invalid(string key, DocumentNode node, string message) => Problems.Error(PathOf(key), node.Line, message);

    /// <summary>A string field.</summary>
    /// <param name="key">The key.</param>
    /// <param name="required">Report an error when missing.</param>
    /// <returns>The text and its node; null when absent or not a string.</returns>
    public (string Value, DocumentNode Node)? String(string key, bool required = false)
    {
        if (Get(key, required) is not { } node)
        {
            return null;
        }

        if (node is ScalarNode { Kind: ScalarKind.String } scalar)
        {
            return (scalar.Value, node);
        }

        Mistyped(key, node, "a string");
        return null;
    }

    /// <summary>A boolean field.</summary>
    /// <param name="key">The key.</param>
    /// <param name="defaultValue">The value when absent or mistyped.</param>
    /// <returns>The value.</returns>
    public bool Bool(string key, bool defaultValue)
    {
        if (Get(key) is not { } node)
        {
            return defaultValue;
        }

        if (node is ScalarNode { Kind: ScalarKind.Boolean } scalar)
        {
            return string.Equals(scalar.Value, "true", StringComparison.OrdinalIgnoreCase);
        }

        Mistyped(key, node, "a boolean (true or false)");
        return defaultValue;
    }

    /// <summary>A whole-number field that fits a <see cref="long"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="required">Report an error when missing.</param>
    /// <returns>The number and its node; null when absent, mistyped or too large.</returns>
    public (long Value, DocumentNode Node)? Integer(string key, bool required = false)
    {
        if (Get(key, required) is not { } node)
        {
            return null;
        }

        if (node is ScalarNode { Kind: ScalarKind.Integer } scalar)
        {
            if (scalar.IntegerValue() is { } value && value >= long.MinValue && value <= long.MaxValue)
            {
                return ((long)value, node);
            }

            Invalid(key, node, $"{Shorten(scalar.Value)} is too large");
            return null;
        }

        Mistyped(key, node, "a whole number");
        return null;
    }

    /// <summary>A duration field (<see cref="Values.Duration"/>: <c>500ms</c>, <c>1h30m</c>, <c>PT10M</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The duration and its node; null when absent or not a duration.</returns>
    public (TimeSpan Value, DocumentNode Node)? Duration(string key)
    {
        if (Get(key) is not { } node)
        {
            return null;
        }

        if (node is ScalarNode { Kind: ScalarKind.String } scalar && Values.Duration.TryParse(scalar.Value, out var value))
        {
            return (value, node);
        }

        var got = node is ScalarNode { Kind: ScalarKind.String } text ? $"\"{text.Value}\"" : node.Describe();
        Invalid(key, node, $"expected a duration such as 500ms, 10m, 1h30m or PT10M, got {got}");
        return null;
    }

    /// <summary>A size field (<see cref="ByteSize"/>: <c>512MB</c>, <c>1GiB</c>, a number of bytes).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The size in bytes and its node; null when absent or not a size.</returns>
    public (long Value, DocumentNode Node)? Size(string key)
    {
        if (Get(key) is not { } node)
        {
            return null;
        }

        if (node is ScalarNode { Kind: ScalarKind.String or ScalarKind.Integer } scalar && ByteSize.TryParse(scalar.Value, out var value))
        {
            return (value, node);
        }

        var got = node is ScalarNode { Kind: ScalarKind.String } text ? $"\"{text.Value}\"" : node.Describe();
        Invalid(key, node, $"expected a size such as 512MB, 2GB, 1GiB or a number of bytes, got {got}");
        return null;
    }

    /// <summary>A list field.</summary>
    /// <param name="key">The key.</param>
    /// <param name="required">Report an error when missing.</param>
    /// <returns>The list; null when absent or not a list.</returns>
    public SequenceNode? Sequence(string key, bool required = false)
    {
        if (Get(key, required) is not { } node)
        {
            return null;
        }

        if (node is SequenceNode sequence)
        {
            return sequence;
        }

        Mistyped(key, node, "a list");
        return null;
    }

    /// <summary>A mapping field.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The mapping; null when absent or not a mapping.</returns>
    public MappingNode? Map(string key)
    {
        if (Get(key) is not { } node)
        {
            return null;
        }

        if (node is MappingNode map)
        {
            return map;
        }

        Mistyped(key, node, "a mapping");
        return null;
    }

    /// <summary>An inline JSON Schema field (a mapping), checked against the draft 2020-12 meta-schema.</summary>
    /// <param name="key">The key, for example <c>input_schema</c>.</param>
    /// <returns>The schema; null when absent, not a mapping or not a valid schema (each reason reported with the line).</returns>
    public JsonElement? Schema(string key)
    {
        if (Map(key) is not { } map)
        {
            return null;
        }

        var schema = NodeJson.ToElement(map, PathOf(key), Problems);
        var errors = SchemaChecker.MetaSchemaErrors(schema);
        foreach (var error in errors)
        {
            Invalid(key, map, $"is not a valid JSON Schema (draft 2020-12): {error}");
        }

        return errors.IsEmpty ? schema : null;
    }

    /// <summary>A list of strings; <paramref name="check"/> returns an error message for a bad item, or null.</summary>
    /// <param name="key">The key.</param>
    /// <param name="check">Checks each item; items it rejects, non-strings and repeated items are reported and left out.</param>
    /// <param name="required">Report an error when missing.</param>
    /// <returns>The acceptable items in order.</returns>
    public ImmutableArray<string> StringList(string key, Func<string, string?>? check = null, bool required = false)
    {
        if (Sequence(key, required) is not { } sequence)
        {
            return [];
        }

        var items = ImmutableArray.CreateBuilder<string>(sequence.Items.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = FieldPath.Index(PathOf(key), i);
            var item = sequence.Items[i];
            if (item is not ScalarNode { Kind: ScalarKind.String } scalar)
            {
                Problems.Error(itemPath, item.Line, $"expected a string, got {item.Describe()}");
            }
            else if (check?.Invoke(scalar.Value) is { } message)
            {
                Problems.Error(itemPath, item.Line, message);
            }
            else if (!seen.Add(scalar.Value))
            {
                Problems.Error(itemPath, item.Line, $"'{scalar.Value}' is listed more than once");
            }
            else
            {
                items.Add(scalar.Value);
            }
        }

        return items.ToImmutable();
    }

    /// <summary>A mapping of string → string; with <paramref name="anyScalar"/>, numbers and booleans are kept as written.</summary>
    /// <param name="key">The key.</param>
    /// <param name="anyScalar">Accept any non-null scalar, not only strings.</param>
    /// <returns>The acceptable entries.</returns>
    public ImmutableDictionary<string, string> StringMap(string key, bool anyScalar = false)
    {
        if (Map(key) is not { } map)
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            if (entry.Value is ScalarNode scalar && (scalar.Kind == ScalarKind.String || (anyScalar && scalar.Kind != ScalarKind.Null)))
            {
                result[entry.Key] = scalar.Value;
            }
            else
            {
                var expected = anyScalar ? "a string or number" : "a string";
                Problems.Error(FieldPath.Child(PathOf(key), entry.Key), entry.Value.Line, $"expected {expected}, got {entry.Value.Describe()}");
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Reports every key that no field read asked for; unknown keys are warnings, not errors.</summary>
    public void WarnUnknownKeys()
    {
        var unknown = Mapping.Entries.Where(e => !_known.Contains(e.Key)).ToList();
        if (unknown.Count > MaxUnknownKeyWarnings)
        {
            var extra = unknown[MaxUnknownKeyWarnings];
            Problems.Warning(PathOf(extra.Key), extra.KeyLine, $"{unknown.Count - MaxUnknownKeyWarnings} more unknown keys are ignored");
        }

        foreach (var entry in unknown.Take(MaxUnknownKeyWarnings))
        {
            var suggestion = _known.Select(k => (Key: k, Distance: EditDistance(k, entry.Key))).Where(x => x.Distance <= 2).OrderBy(x => x.Distance).ThenBy(x => x.Key, StringComparer.Ordinal).FirstOrDefault().Key;
            var hint = suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?";
            Problems.Warning(PathOf(entry.Key), entry.KeyLine, $"unknown key '{entry.Key}' is ignored{hint}");
        }
    }

    private static string Shorten(string text) => text.Length > 40 ? string.Concat(text.AsSpan(0, 40), "...") : text;

    /// <summary>Levenshtein distance, for suggesting the field a misspelt key meant; keys are short.</summary>
    private static int EditDistance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2 || a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
