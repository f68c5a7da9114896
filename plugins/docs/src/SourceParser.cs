using System.Text.RegularExpressions;

namespace Orchestrator.Plugins.Docs;

/// <summary>
/// Finds public API by simple line parsing: C# public types and members with their <c>///</c> summaries,
/// top-level Python classes and functions (and public methods) with docstrings, JavaScript/TypeScript
/// exports with <c>/** */</c> comments, and Markdown headings outside code fences.
/// </summary>
internal static partial class SourceParser
{
    public static string? LanguageOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".cs" => "csharp",
        ".py" => "python",
        ".js" or ".mjs" or ".cjs" or ".ts" or ".mts" => "javascript",
        ".md" or ".markdown" => "markdown",
        _ => null,
    };

    public static (IReadOnlyList<Symbol> Symbols, IReadOnlyList<Heading> Headings) Parse(string language, string[] lines) => language switch
    {
        "csharp" => (CSharp(lines), []),
        "python" => (Python(lines), []),
        "javascript" => (JavaScript(lines), []),
        _ => ([], Markdown(lines)),
    };

    private static List<Symbol> CSharp(string[] lines)
    {
        var symbols = new List<Symbol>();
        for (var i = 0; i < lines.Length; i++)
        {
            var type = CSharpType().Match(lines[i]);
            var constructor = type.Success ? Match.Empty : CSharpConstructor().Match(lines[i]);
            var member = type.Success || constructor.Success ? constructor : CSharpMember().Match(lines[i]);
            if (type.Success || member.Success)
            {
                var kind = type.Success ? type.Groups["kind"].Value
                    : constructor.Success ? "constructor"
                    : member.Groups["open"].Value == "(" ? "method" : "property";
                var name = type.Success ? type.Groups["name"].Value : member.Groups["name"].Value;
                symbols.Add(new Symbol(kind, name, Signature(lines[i]), CSharpDoc(lines, i), i + 1));
            }
        }

        return symbols;
    }

    private static string? CSharpDoc(string[] lines, int index)
    {
        var doc = new List<string>();
        for (var i = index - 1; i >= 0 && (lines[i].TrimStart().StartsWith("///", StringComparison.Ordinal) || lines[i].TrimStart().StartsWith('[')); i--)
        {
            if (lines[i].TrimStart().StartsWith("///", StringComparison.Ordinal))
            {
                doc.Insert(0, lines[i].TrimStart()[3..].Trim());
            }
        }

        var xml = string.Join(' ', doc);
        var start = xml.IndexOf("<summary>", StringComparison.Ordinal);
        var end = xml.IndexOf("</summary>", StringComparison.Ordinal);
        xml = start >= 0 && end > start ? xml[(start + "<summary>".Length)..end] : xml;
        var summary = XmlTag().Replace(xml, match => match.Groups[1].Success ? match.Groups[1].Value : string.Empty).Trim();
        return summary.Length == 0 ? null : Spaces().Replace(summary, " ");
    }

    private static List<Symbol> Python(string[] lines)
    {
        var symbols = new List<Symbol>();
        var inClass = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var match = PythonDef().Match(lines[i]);
            if (!match.Success)
            {
                inClass &= lines[i].Length == 0 || char.IsWhiteSpace(lines[i][0]);
                continue;
            }

            var nested = match.Groups["indent"].Length > 0;
            var name = match.Groups["name"].Value;
            if (!nested)
            {
                inClass = match.Groups["kind"].Value == "class";
            }

            if (name.StartsWith('_') || (nested && !inClass))
            {
                continue;
            }

            var kind = match.Groups["kind"].Value == "class" ? "class" : nested ? "method" : "function";
            symbols.Add(new Symbol(kind, name, Signature(lines[i]).TrimEnd(':'), PythonDoc(lines, i + 1), i + 1));
        }

        return symbols;
    }

    private static string? PythonDoc(string[] lines, int next)
    {
        if (next >= lines.Length)
        {
            return null;
        }

        var match = PythonDocstring().Match(lines[next]);
        return match.Success ? match.Groups["text"].Value.Trim() : null;
    }

    private static List<Symbol> JavaScript(string[] lines)
    {
        var symbols = new List<Symbol>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = JavaScriptExport().Match(lines[i]);
            if (match.Success)
            {
                var doc = i > 0 && lines[i - 1].TrimEnd().EndsWith("*/", StringComparison.Ordinal) ? JsDoc(lines, i - 1) : null;
                symbols.Add(new Symbol(match.Groups["kind"].Value, match.Groups["name"].Value, Signature(lines[i]).TrimEnd('{').Trim(), doc, i + 1));
            }
        }

        return symbols;
    }

    private static string? JsDoc(string[] lines, int end)
    {
        var start = end;
        while (start > 0 && !lines[start].Contains("/**", StringComparison.Ordinal))
        {
            start--;
        }

        var text = string.Join(' ', lines[start..(end + 1)].Select(l => l.Trim().TrimStart('/', '*').TrimEnd('/', '*').Trim()));
        text = Spaces().Replace(text, " ").Trim();
        return text.Length == 0 ? null : text;
    }

    private static List<Heading> Markdown(string[] lines)
    {
        var headings = new List<Heading>();
        var fenced = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }
            else if (!fenced && MarkdownHeading().Match(line) is { Success: true } match)
            {
                headings.Add(new Heading(match.Groups[1].Length, match.Groups[2].Value.Trim()));
            }
        }

        return headings;
    }

    private static string Signature(string line)
    {
        var text = line.Trim();
        var cut = text.IndexOf("=>", StringComparison.Ordinal);
        text = cut > 0 ? text[..cut] : text;
        return Spaces().Replace(text.TrimEnd('{', ';', ' '), " ").Trim();
    }

    [GeneratedRegex(@"^\s*(?:public|protected)\s+(?:(?:static|sealed|abstract|partial|readonly|ref|unsafe|file|new)\s+)*(?<kind>class|record struct|record class|record|struct|interface|enum|delegate)\s+(?<name>\w+)")]
    private static partial Regex CSharpType();

    [GeneratedRegex(@"^\s*(?:public|protected)\s+(?<name>[A-Z]\w*)\s*\(")]
    private static partial Regex CSharpConstructor();

    [GeneratedRegex(@"^\s*public\s+(?:(?:static|virtual|override|async|abstract|sealed|readonly|required|new|extern|unsafe|const)\s+)*[\w<>\[\],?.() ]+?\s+(?<name>\w+)\s*(?<open>\(|\{|=>|;|=)")]
    private static partial Regex CSharpMember();

    [GeneratedRegex(@"<(?:see|paramref|typeparamref)\s+\w+=""([^""]*)""\s*/>|<[^>]+>")]
    private static partial Regex XmlTag();

    [GeneratedRegex(@"^(?<indent>\s*)(?<kind>class|def|async def)\s+(?<name>\w+)")]
    private static partial Regex PythonDef();

    [GeneratedRegex(@"^\s*[rRuU]?(?:""""""|'''|""|')(?<text>[^""']*)")]
    private static partial Regex PythonDocstring();

    [GeneratedRegex(@"^export\s+(?:default\s+)?(?:declare\s+)?(?:async\s+)?(?<kind>function\*?|class|const|let|var|interface|type|enum)\s+(?<name>[\w$]+)")]
    private static partial Regex JavaScriptExport();

    [GeneratedRegex(@"^(#{1,6})\s+(.+?)\s*#*\s*$")]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
