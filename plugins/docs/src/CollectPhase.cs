using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Docs;

/// <summary>
/// Walks the input folder (<c>source</c>: absolute, or relative to the working directory, else to the directory the
/// worker runs in) and lists every C#, Python, JavaScript/TypeScript and Markdown file with its public API or
/// headings; writes <c>inventory.md</c>.
/// </summary>
internal sealed class CollectPhase : PhaseBase
{
    private const long MaxFileBytes = 1024 * 1024;
    private const int MaxFiles = 2000;

    private static readonly HashSet<string> IgnoredDirectories = new(["bin", "obj", "node_modules", "__pycache__", "site"], StringComparer.Ordinal);

    // What this plugin writes itself, so documenting the working directory twice gives the same result.
    private static readonly HashSet<string> GeneratedFiles = new(["inventory.md", "outline.md", "link-report.md"], StringComparer.Ordinal);

    public override string Name => "collect";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var source = scope.Input.RequireString("source", 4096, "{\"source\": \"src\"} (a folder relative to the working directory, or an absolute path)");
        var root = Resolve(scope.Workspace.Root, source);

        var files = new List<SourceFile>();
        var skipped = new List<string>();
        foreach (var path in Walk(root).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            var language = SourceParser.LanguageOf(path);
            if (language is null || (root == scope.Workspace.Root && GeneratedFiles.Contains(relative)))
            {
                continue;
            }

            if (new FileInfo(path).Length > MaxFileBytes || files.Count >= MaxFiles)
            {
                skipped.Add($"{relative} (over {MaxFileBytes / 1024} KiB or past the first {MaxFiles} files)");
                continue;
            }

            var lines = (await File.ReadAllTextAsync(path, cancellationToken)).ReplaceLineEndings("\n").Split('\n');
            var (symbols, headings) = SourceParser.Parse(language, lines);
            files.Add(new SourceFile(relative, language, lines.Length, Summarize(language, lines, symbols, headings), symbols, headings));
        }

        if (files.Count == 0)
        {
            throw new PhaseInputException($"Source folder '{source}' holds no .cs, .py, .js, .ts or .md files to document.");
        }

        var title = scope.Input.OptionalString("title", 120) is { Length: > 0 } given ? given
            : Naming.TitleCase(new DirectoryInfo(root).Name) is { Length: > 0 } name ? name : "Documentation";
        var topics = files.SelectMany(f => f.Symbols.Where(s => s.Kind is not ("method" or "property")).Select(s => s.Name).Concat(f.Headings.Where(h => h.Level <= 2).Select(h => h.Text)))
            .Distinct(StringComparer.Ordinal).ToList();
        var file = await scope.Workspace.WriteAsync("inventory.md", $"""
            # Inventory: {title}

            {files.Count} files from `{source}`; {files.Sum(f => f.Symbols.Count)} public symbols, {files.Sum(f => f.Headings.Count)} headings.

            | File | Language | Lines | Public symbols | Summary |
            |---|---|---|---|---|
            {string.Join('\n', files.Select(f => $"| `{f.Path}` | {f.Language} | {f.Lines} | {f.Symbols.Count} | {f.Summary.Replace("|", "\\|", StringComparison.Ordinal)} |"))}
            {(skipped.Count == 0 ? string.Empty : "\nSkipped: " + string.Join(", ", skipped) + "\n")}
            """, cancellationToken);
        scope.Context.SetMetadata("docs.files", files.Count);
        return scope.Context.ToResult(new CollectOutput(source, title, files, topics, skipped, file), [file]);
    }

    /// <summary>
    /// A relative source is looked up in the working directory first, where an earlier workflow step may have written
    /// it, then in the directory the worker runs in — for <c>orchestrator run</c>, the directory it was started in — so
    /// a workflow can name a folder of the checkout it is run from (docs/built-in-plugins.md#docs--a-source-folder-becomes-a-documentation-site).
    /// </summary>
    private static string Resolve(string workspace, string source)
    {
        var inWorkspace = Path.GetFullPath(Path.Combine(workspace, source));
        if (Directory.Exists(inWorkspace))
        {
            return inWorkspace;
        }

        var inCurrent = Path.GetFullPath(source);
        return !Path.IsPathRooted(source) && Directory.Exists(inCurrent)
            ? inCurrent
            : throw new PhaseInputException(Path.IsPathRooted(source)
                ? $"Source folder '{source}' does not exist. Give \"source\" as an existing folder."
                : $"Source folder '{source}' does not exist (looked for '{inWorkspace}' and '{inCurrent}'). Give \"source\" as a folder relative to the working directory '{workspace}' or to the directory Orchestrator runs in, or as an absolute path.");
    }

    private static IEnumerable<string> Walk(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in Directory.EnumerateFiles(root, "*", options))
        {
            yield return file;
        }

        foreach (var directory in Directory.EnumerateDirectories(root, "*", options))
        {
            var name = Path.GetFileName(directory);
            if (!name.StartsWith('.') && !IgnoredDirectories.Contains(name))
            {
                foreach (var file in Walk(directory))
                {
                    yield return file;
                }
            }
        }
    }

    private static string Summarize(string language, string[] lines, IReadOnlyList<Symbol> symbols, IReadOnlyList<Heading> headings)
    {
        if (language == "markdown")
        {
            var paragraph = lines.SkipWhile(l => l.Length == 0 || l.StartsWith('#')).TakeWhile(l => l.Trim().Length > 0 && !l.StartsWith('#')).ToList();
            return paragraph.Count > 0 ? Clip(string.Join(' ', paragraph.Select(l => l.Trim()))) : headings.Count > 0 ? headings[0].Text : "Markdown notes.";
        }

        var documented = symbols.FirstOrDefault(s => s.Doc is not null);
        return documented is not null
            ? Clip($"{documented.Name}: {documented.Doc}")
            : symbols.Count > 0 ? $"Defines {string.Join(", ", symbols.Take(3).Select(s => s.Name))}{(symbols.Count > 3 ? " and more" : string.Empty)}." : "No public symbols.";
    }

    private static string Clip(string text) => text.Length <= 160 ? text : text[..157] + "...";
}
