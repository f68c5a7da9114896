using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Docs;

/// <summary>
/// Plans the pages in reading order: a getting-started guide, one guide per Markdown file, one reference page per
/// source file with public API — at most <c>max_pages</c>, the rest listed as omitted. Writes <c>outline.md</c>.
/// </summary>
internal sealed class OutlinePhase : PhaseBase
{
    public override string Name => "outline";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var config = DocsConfig.Read(scope);
        var collected = scope.Context.GetPreviousPhaseOutput<CollectOutput>("collect");
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<PagePlan>
        {
            Page(slugs, "getting-started", "Getting started", "guide", [.. collected.Files.Select(f => f.Path)], config.Audience, collected.Title),
        };
        candidates.AddRange(collected.Files.Where(f => f.Language == "markdown").Select(f =>
            Page(slugs, Path.GetFileNameWithoutExtension(f.Path), f.Headings.FirstOrDefault()?.Text ?? Naming.TitleCase(Path.GetFileNameWithoutExtension(f.Path)), "guide", [f.Path], config.Audience, collected.Title)));
        candidates.AddRange(collected.Files.Where(f => f.Symbols.Count > 0).Select(f =>
            Page(slugs, f.Path.Replace('/', '-').Replace('.', '-'), Path.GetFileNameWithoutExtension(f.Path), "reference", [f.Path], config.Audience, collected.Title)));

        var pages = candidates.Take(config.MaxPages).ToList();
        var omitted = candidates.Skip(config.MaxPages).Select(p => p.Title).ToList();
        var file = await scope.Workspace.WriteAsync("outline.md", $"""
            # Outline: {collected.Title}

            {scope.BriefBlock}For {config.Audience} readers; {pages.Count} of at most {config.MaxPages} pages, in reading order.

            {string.Join('\n', pages.Select((p, i) => $"{i + 1}. **{p.Title}** ({p.Kind}, `{p.File}`) — from {string.Join(", ", p.Sources.Take(5).Select(s => $"`{s}`"))}{(p.Sources.Count > 5 ? " and more" : string.Empty)}. Answers: {string.Join(" ", p.Questions)}"))}
            {(omitted.Count == 0 ? string.Empty : $"\nOmitted to stay within max_pages: {string.Join(", ", omitted)}.\n")}
            """, cancellationToken);
        scope.Context.SetMetadata("docs.pages", pages.Count);
        return scope.Context.ToResult(new DocsOutline(collected.Title, config.Audience, pages, omitted, file), [file]);
    }

    private static PagePlan Page(HashSet<string> slugs, string name, string title, string kind, IReadOnlyList<string> sources, string audience, string project)
    {
        var slug = Naming.Slug(name, "page");
        for (var n = 2; !slugs.Add(slug); n++)
        {
            slug = $"{Naming.Slug(name, "page")}-{n}";
        }

        var subject = kind == "guide" && slug == "getting-started" ? project : title;
        IReadOnlyList<string> questions = audience switch
        {
            "beginner" => [$"What is {subject} for?", "Where do I start?"],
            "expert" => [$"What exactly does {subject} expose?"],
            _ => [$"How do I use {subject}?", "What are its parts?"],
        };
        return new PagePlan(slug, title, kind, sources, questions);
    }
}
