using System.Text.Json;

namespace Orchestrator.Cli.Commands.Shared;

/// <summary>Reads <c>--input FILE|-</c> of <c>run</c> and <c>plugins exec</c>: one JSON value from a file or standard input.</summary>
internal static class InputFile
{
    // As deep as the engine reads; the run service then names the limit a run's values have (JsonValues.MaxDepth).
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = Engine.Runs.JsonValues.MessageDepth };

    /// <summary>The JSON value, or null when no input was given; every problem is added to <paramref name="problems"/>.</summary>
    public static async Task<JsonElement?> ReadAsync(string? source, TextReader stdin, ICollection<string> problems, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            return null;
        }

        string text;
        try
        {
            text = source == "-" ? await stdin.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(source, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"--input {source}: cannot read it: {e.Message}");
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text, Strict);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            problems.Add($"--input: {(source == "-" ? "stdin" : source)} is not valid JSON ({e.Message}); the input must be one JSON value, e.g. {{\"title\": \"...\"}}");
            return null;
        }
    }
}
