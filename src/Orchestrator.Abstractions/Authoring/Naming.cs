using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Abstractions.Authoring;

/// <summary>Word splitting and the identifier and file-name spellings a phase derives from free text.</summary>
public static partial class Naming
{
    /// <summary>The ASCII letter-and-digit runs of <paramref name="text"/>, lower-cased.</summary>
    /// <param name="text">Free text.</param>
    /// <returns>For <c>"Weather Report v2!"</c>: <c>weather</c>, <c>report</c>, <c>v2</c>.</returns>
    public static IReadOnlyList<string> Words(string text) =>
        [.. WordPattern().Matches(text).Select(match => match.Value.ToLowerInvariant())];

    /// <summary>How many words <paramref name="text"/> holds as prose (letters and digits of any script, with apostrophes and hyphens).</summary>
    /// <param name="text">Prose.</param>
    /// <returns>The word count.</returns>
    public static int CountWords(string text) => ProseWord().Count(text);

    /// <summary>lower-case words joined by '-', for file names; <paramref name="fallback"/> when nothing is left.</summary>
    /// <param name="text">Free text.</param>
    /// <param name="fallback">The slug when <paramref name="text"/> has no words.</param>
    /// <returns>At most 60 characters, for example <c>the-map-that-redraws-itself</c>.</returns>
    public static string Slug(string text, string fallback = "untitled")
    {
        var slug = string.Join('-', Words(text));
        return slug.Length == 0 ? fallback : slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }

    /// <summary>The words joined by '_' as an identifier (<c>convert_units</c>).</summary>
    /// <param name="text">Free text.</param>
    /// <param name="fallback">The identifier when <paramref name="text"/> has no words, and the prefix when it starts with a digit.</param>
    /// <returns>An identifier that does not start with a digit.</returns>
    public static string SnakeCase(string text, string fallback) => Identifier(string.Join('_', Words(text)), fallback);

    /// <summary>The words capitalized and joined as an identifier (<c>ConvertUnits</c>).</summary>
    /// <param name="text">Free text.</param>
    /// <param name="fallback">The identifier when <paramref name="text"/> has no words, and the prefix when it starts with a digit.</param>
    /// <returns>An identifier that does not start with a digit.</returns>
    public static string PascalCase(string text, string fallback) =>
        Identifier(string.Concat(Words(text).Select(Capitalize)), fallback);

    /// <summary>Like <see cref="PascalCase"/> with the first letter in lower case (<c>convertUnits</c>).</summary>
    /// <param name="text">Free text.</param>
    /// <param name="fallback">The identifier when <paramref name="text"/> has no words.</param>
    /// <returns>An identifier that does not start with a digit.</returns>
    public static string CamelCase(string text, string fallback)
    {
        var pascal = PascalCase(text, fallback);
        return char.ToLowerInvariant(pascal[0]) + pascal[1..];
    }

    /// <summary><paramref name="word"/> with its first character in upper case.</summary>
    /// <param name="word">A word.</param>
    /// <returns>The capitalized word; an empty word stays empty.</returns>
    public static string Capitalize(string word) =>
        word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..];

    /// <summary>The words capitalized and joined by spaces (<c>Weather Report</c>).</summary>
    /// <param name="text">Free text.</param>
    /// <returns>The title; empty when <paramref name="text"/> has no words.</returns>
    public static string TitleCase(string text) => string.Join(' ', Words(text).Select(Capitalize));

    private static string Identifier(string candidate, string fallback)
    {
        var builder = new StringBuilder(candidate);
        if (builder.Length == 0)
        {
            return fallback;
        }

        return char.IsDigit(builder[0]) ? fallback + "_" + builder : builder.ToString();
    }

    [GeneratedRegex("[A-Za-z0-9]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[\p{L}\p{N}'’-]+")]
    private static partial Regex ProseWord();
}
