using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Cli.Commands.Shared;

/// <summary>Config given as <c>key=value</c> text: <c>--config</c> of <c>run</c> and <c>plugins exec</c>.</summary>
internal static class ConfigPairs
{
    // As deep as the engine reads; the run service then names the limit a run's values have (JsonValues.MaxDepth).
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = Engine.Runs.JsonValues.MessageDepth };

    /// <summary>Parses <c>key=value</c> pairs: the value is read as JSON when it parses (numbers, booleans, objects), else as a string.</summary>
    public static ImmutableDictionary<string, JsonElement> Parse(IEnumerable<string> pairs, ICollection<string> problems)
    {
        var result = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problems.Add($"--config '{pair}' is not key=value (for example --config language=csharp or --config max_files=10)");
                continue;
            }

            var value = pair[(eq + 1)..];
            result[pair[..eq].Trim()] = ParseValue(value);
        }

        return result.ToImmutable();
    }

    private static JsonElement ParseValue(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value, Strict);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(value);
        }
    }
}
