using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Plugins.BuiltIn.Authoring;

/// <summary>Word splitting and the identifier/file-name spellings built-in phases derive from free text.</summary>
internal static partial class Naming
{
    public static IReadOnlyList<string> Words(string text) =>
        [.. WordPattern().Matches(text).Select(match => match.Value.ToLowerInvariant())];

    public static int CountWords(string text) => ProseWord().Count(text);

    /// <summary>lower-case words joined by '-', for file names; <paramref name="fallback"/> when nothing is left.</summary>
    public static string Slug(string text, string fallback = "untitled")
    {
        var slug = string.Join('-', Words(text));
        return slug.Length == 0 ? fallback : slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }

    public static string SnakeCase(string text, string fallback) => Identifier(string.Join('_', Words(text)), fallback);

    public static string PascalCase(string text, string fallback) =>
        Identifier(string.Concat(Words(text).Select(Capitalize)), fallback);

    public static string CamelCase(string text, string fallback)
    {
        var pascal = PascalCase(text, fallback);
        return char.ToLowerInvariant(pascal[0]) + pascal[1..];
    }

    public static string Capitalize(string word) =>
        word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..];

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
