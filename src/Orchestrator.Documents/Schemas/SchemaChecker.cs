using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Orchestrator.Documents.Schemas;

/// <summary>
/// Checks inline JSON Schemas against the draft 2020-12 meta-schema and values against schemas. Results are
/// cached by schema text: generated or copied plugins repeat the same schemas, and discovery must stay fast.
/// </summary>
public static class SchemaChecker
{
    private const int MaxCacheEntries = 4096;
    private const int MaxMessages = 5;

    private static readonly ConcurrentDictionary<string, ImmutableArray<string>> MetaResults = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, JsonSchema> BuiltSchemas = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ImmutableArray<string>> InstanceResults = new(StringComparer.Ordinal);
    // Flag output stops at the first failure and is much cheaper; List is only used to explain a failure.
    private static readonly EvaluationOptions FlagSettings = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions ListSettings = new() { OutputFormat = OutputFormat.List };

    /// <summary>Why <paramref name="schema"/> is not a valid draft 2020-12 schema; empty when it is.</summary>
    /// <param name="schema">The schema as written in a document.</param>
    /// <returns>At most a few messages, each prefixed with the JSON Pointer of the failing part.</returns>
    public static ImmutableArray<string> MetaSchemaErrors(JsonElement schema)
    {
        var text = schema.GetRawText();
        if (MetaResults.TryGetValue(text, out var cached))
        {
            return cached;
        }

        ImmutableArray<string> errors;
        if (schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            errors = ["a JSON Schema must be an object (or true/false)"];
        }
        else
        {
            errors = Evaluate(MetaSchemas.Draft202012, schema);
            if (errors.IsEmpty && Build(text, out var buildError) is null)
            {
                errors = [buildError!];
            }
        }

        return Remember(MetaResults, text, errors);
    }

    /// <summary>Why <paramref name="instance"/> does not satisfy the (already checked) <paramref name="schema"/>; empty when it does.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="instance">The value.</param>
    /// <param name="cacheResult">Remember the result: right for documents (small, repeated), wrong for run-time values (large, unique).</param>
    /// <returns>At most a few messages, each prefixed with the JSON Pointer of the failing value (<c>at /model: ...</c>).</returns>
    public static ImmutableArray<string> Validate(JsonElement schema, JsonElement instance, bool cacheResult)
    {
        var schemaText = schema.GetRawText();
        var key = cacheResult ? string.Concat(schemaText, "\0", instance.GetRawText()) : null;
        if (key is not null && InstanceResults.TryGetValue(key, out var cached))
        {
            return cached;
        }

        ImmutableArray<string> errors;
        if (Build(schemaText, out var error) is not { } built)
        {
            errors = [error!];
        }
        else if (PatternGuard.Check(schema, instance) is { } slow)
        {
            errors = [slow];
        }
        else
        {
            errors = Evaluate(built, instance);
        }

        return key is null ? errors : Remember(InstanceResults, key, errors);
    }

    private static JsonSchema? Build(string text, out string? error)
    {
        error = null;
        if (BuiltSchemas.TryGetValue(text, out var cached))
        {
            return cached;
        }

        try
        {
            var schema = JsonSchema.FromText(text);
            Remember(BuiltSchemas, text, schema);
            return schema;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            error = $"the schema cannot be loaded: {ex.Message}";
            return null;
        }
    }

    private static ImmutableArray<string> Evaluate(JsonSchema schema, JsonElement instance)
    {
        try
        {
            var node = JsonNode.Parse(instance.GetRawText());
            if (schema.Evaluate(node, FlagSettings).IsValid)
            {
                return [];
            }

            var results = schema.Evaluate(node, ListSettings);
            var messages = (results.Details.Count > 0 ? results.Details : [results])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{Location(d.InstanceLocation.ToString())}{e.Value}"))
                .Distinct()
                .Take(MaxMessages)
                .ToImmutableArray();
            return messages.IsEmpty ? ["does not satisfy the schema"] : messages;
        }
        catch (RegexMatchTimeoutException ex)
        {
            return [$"the pattern '{ex.Pattern}' takes too long to match (catastrophic backtracking?); simplify it"];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or FormatException or RefResolutionException)
        {
            return [$"the schema cannot be evaluated: {ex.Message}"];
        }
    }

    private static string Location(string pointer) => pointer.Length == 0 ? string.Empty : $"at {pointer}: ";

    private static T Remember<T>(ConcurrentDictionary<string, T> cache, string key, T value)
    {
        // A crude bound: discovery sees few distinct schemas; hostile input must not grow the cache forever.
        if (cache.Count >= MaxCacheEntries)
        {
            cache.Clear();
        }

        cache[key] = value;
        return value;
    }
}
