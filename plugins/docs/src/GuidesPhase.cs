using System.Text;
using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Docs;

/// <summary>
/// Writes the guides: a getting-started page that walks the source tree, and one page per Markdown source whose
/// sections it carries over (headings shifted one level down under the page title).
/// </summary>
internal sealed class GuidesPhase : PhaseBase
{
    public override string Name => "guides";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var collected = scope.Context.GetPreviousPhaseOutput<CollectOutput>("collect");
        var outline = scope.Context.GetPreviousPhaseOutput<DocsOutline>("outline");
        var root = DocsPages.SourceRoot(scope, collected);
        var written = new List<string>();
        foreach (var page in outline.Pages.Where(p => p.Kind == "guide"))
        {
            var text = new StringBuilder($"# {page.Title}\n\n{scope.BriefBlock}");
            if (page.Slug == "getting-started")
            {
                text.Append($"{collected.Title} has {collected.Files.Count} source files. {string.Join(" ", page.Questions)}\n\n## Walk through the sources\n\n");
                foreach (var file in collected.Files)
                {
                    var reference = outline.Pages.FirstOrDefault(p => p.Kind == "reference" && p.Sources[0] == file.Path);
                    var name = reference is null ? $"`{file.Path}`" : $"[`{file.Path}`](../reference/{reference.Slug}.md)";
                    text.Append($"1. {name} — {file.Summary}\n");
                }
            }
            else
            {
                var path = Path.Combine(root, page.Sources[0]);
                if (!File.Exists(path))
                {
                    throw new PhaseInputException($"Source file '{page.Sources[0]}' disappeared from '{root}' after the collect phase; re-run collect.");
                }

                var lines = (await File.ReadAllTextAsync(path, cancellationToken)).ReplaceLineEndings("\n").Split('\n');
                var body = lines.SkipWhile(l => l.Trim().Length == 0).ToList();
                if (body.Count > 0 && body[0].StartsWith("# ", StringComparison.Ordinal))
                {
                    body.RemoveAt(0);
                }

                var fenced = false;
                foreach (var line in body)
                {
                    fenced ^= line.TrimStart().StartsWith("```", StringComparison.Ordinal);
                    text.Append(!fenced && line.StartsWith('#') && !line.StartsWith("######", StringComparison.Ordinal) ? "#" + line : line).Append('\n');
                }
            }

            written.Add(await scope.Workspace.WriteAsync(page.File, text.ToString().TrimEnd() + "\n" + DocsPages.Footer(page), cancellationToken));
        }

        return scope.Context.ToResult(new WrittenPages(written), written);
    }
}
