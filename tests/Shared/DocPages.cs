namespace Orchestrator.Testing;

/// <summary>Reads examples out of the documentation pages in docs/, so the tests run exactly what the docs show.</summary>
public static class DocPages
{
    /// <summary>The body of the first fenced code block after <paramref name="marker"/> (an HTML comment) in docs/<paramref name="page"/>.</summary>
    /// <param name="page">The page's file name, e.g. <c>rest-api.md</c>.</param>
    /// <param name="marker">The comment that precedes the block, e.g. <c>&lt;!-- rest-api-example --&gt;</c>.</param>
    public static string CodeBlockAfter(string page, string marker)
    {
        var path = Path.Combine(RepoPaths.Root, "docs", page);
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"docs/{page} has no {marker}");
        }

        var fence = text.IndexOf("```", at, StringComparison.Ordinal);
        var start = text.IndexOf('\n', fence) + 1;
        var end = text.IndexOf("\n```", start, StringComparison.Ordinal);
        if (fence < 0 || end < 0)
        {
            throw new InvalidOperationException($"docs/{page}: no complete code block after {marker}");
        }

        return text[start..end];
    }

    /// <summary>The lines between <c>// docs-example:begin</c> and <c>// docs-example:end</c> in a source file of the repository.</summary>
    /// <param name="relativePath">The file, relative to the repository root.</param>
    public static string SourceRegion(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, relativePath)).ReplaceLineEndings("\n");
        const string Begin = "// docs-example:begin";
        const string End = "// docs-example:end";
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException($"{relativePath} has no {Begin} ... {End} region");
        }

        return text[(text.IndexOf('\n', start) + 1)..text.LastIndexOf('\n', end)];
    }

    /// <summary>Code with indentation and blank lines removed, so a block in a page and a class member compare equal.</summary>
    public static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
