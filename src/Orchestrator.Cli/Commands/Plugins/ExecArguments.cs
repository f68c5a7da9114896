using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Cli.Commands.Plugins;

/// <summary>Parses <c>plugins exec</c>'s <c>--input</c> and <c>--config</c>; each failure is a usage error message.</summary>
internal static class ExecArguments
{
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 64 };

    /// <summary><c>k=v</c> pairs; a value that parses as JSON is that JSON, anything else is a string.</summary>
    public static string? ParseConfig(IEnumerable<string> pairs, out ImmutableDictionary<string, JsonElement> config)
    {
        var result = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        config = result.ToImmutable();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return $"--config '{pair}' is not KEY=VALUE (for example --config language=csharp or --config max_files=10)";
            }

            result[pair[..equals]] = ParseValue(pair[(equals + 1)..]);
        }

        config = result.ToImmutable();
        return null;
    }

    /// <summary>Reads the JSON input from a file or, for <c>-</c>, from <paramref name="stdin"/>.</summary>
    public static async Task<(JsonElement Input, string? Error)> ReadInputAsync(string? source, TextReader stdin, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            return (default, null);
        }

        string text;
        var name = source == "-" ? "stdin" : source;
        try
        {
            text = source == "-" ? await stdin.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(source, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (default, $"--input {source}: cannot read it: {e.Message}");
        }

        try
        {
            using var document = JsonDocument.Parse(text, Strict);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, $"--input: {name} is not valid JSON ({e.Message}); the input must be one JSON value, e.g. {{\"title\": \"...\"}}");
        }
    }

    private static JsonElement ParseValue(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Strict);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
