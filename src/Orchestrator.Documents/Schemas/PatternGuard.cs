using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.Documents.Schemas;

/// <summary>
/// Keeps a hostile schema from hanging validation: JSON Schema <c>pattern</c>/<c>patternProperties</c> regexes are
/// evaluated by a backtracking engine without a time limit, so <c>^(a+)+$</c> against a long string runs for hours.
/// Before a schema is evaluated, every pattern is tried on every string of the instance under one time budget.
/// </summary>
internal static class PatternGuard
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    /// <summary>An error message when some pattern is too slow on the instance's strings; null when all are fast.</summary>
    public static string? Check(JsonElement schema, JsonElement instance)
    {
        var patterns = Patterns(schema);
        if (patterns.Count == 0)
        {
            return null;
        }

        var strings = Strings(instance);
        var deadline = Stopwatch.GetTimestamp() + (long)(Budget.TotalSeconds * Stopwatch.Frequency);
        foreach (var pattern in patterns)
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                return TooSlow(pattern);
            }

            Regex regex;
            try
            {
                regex = new Regex(pattern, RegexOptions.None, remaining);
            }
            catch (ArgumentException)
            {
                // Not a .NET regex: the schema evaluator reports it; nothing here can run slowly.
                continue;
            }

            try
            {
                foreach (var text in strings)
                {
                    regex.IsMatch(text);
                    if (Stopwatch.GetTimestamp() > deadline)
                    {
                        return TooSlow(pattern);
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return TooSlow(pattern);
            }
        }

        return null;
    }

    private static string TooSlow(string pattern) =>
        $"the pattern '{pattern}' takes too long to match the configuration (catastrophic backtracking?); simplify it";

    private static List<string> Patterns(JsonElement schema)
    {
        var patterns = new List<string>();
        foreach (var element in Walk(schema))
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "pattern" && property.Value.ValueKind == JsonValueKind.String)
                {
                    patterns.Add(property.Value.GetString()!);
                }
                else if (property.Name == "patternProperties" && property.Value.ValueKind == JsonValueKind.Object)
                {
                    patterns.AddRange(property.Value.EnumerateObject().Select(p => p.Name));
                }
            }
        }

        return patterns;
    }

    private static List<string> Strings(JsonElement instance)
    {
        var strings = new List<string>();
        foreach (var element in Walk(instance))
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                strings.Add(element.GetString()!);
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                strings.AddRange(element.EnumerateObject().Select(p => p.Name));
            }
        }

        return strings;
    }

    /// <summary>Every element of a JSON tree, iteratively.</summary>
    private static IEnumerable<JsonElement> Walk(JsonElement root)
    {
        var pending = new Stack<JsonElement>();
        pending.Push(root);
        while (pending.TryPop(out var element))
        {
            yield return element;
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    pending.Push(property.Value);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    pending.Push(item);
                }
            }
        }
    }
}
