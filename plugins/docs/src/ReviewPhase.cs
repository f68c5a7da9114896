using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Docs;

/// <summary>
/// Runs once a maintainer approved the pages: checks every planned page was written and lists what a reader will
/// miss (undocumented symbols, pages left out by <c>max_pages</c>). The warnings go to publish and to run metadata.
/// </summary>
internal sealed class ReviewPhase : PhaseBase
{
    public override string Name => "review";

    protected override Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var collected = scope.Context.GetPreviousPhaseOutput<CollectOutput>("collect");
        var outline = scope.Context.GetPreviousPhaseOutput<DocsOutline>("outline");
        var written = new[] { "reference", "guides" }.SelectMany(p => scope.Context.GetPreviousPhaseOutput<WrittenPages>(p).Files).ToHashSet(StringComparer.Ordinal);
        var missing = outline.Pages.Where(p => !written.Contains(p.File) || !scope.Workspace.Exists(p.File)).Select(p => p.File).ToList();
        if (missing.Count > 0)
        {
            throw new PhaseInputException($"Planned page(s) {string.Join(", ", missing)} were not written; re-run the reference and guides phases before review.");
        }

        var warnings = collected.Files
            .Where(f => outline.Pages.Any(p => p.Kind == "reference" && p.Sources[0] == f.Path))
            .SelectMany(f => f.Symbols.Where(s => s.Doc is null).Select(s => $"`{s.Name}` in `{f.Path}` (line {s.Line}) has no documentation comment."))
            .Concat(outline.Omitted.Select(o => $"\"{o}\" was left out to stay within max_pages."))
            .ToList();
        scope.Context.SetMetadata("docs.review.warnings", warnings.Count);
        return Task.FromResult(scope.Context.ToResult(new ReviewOutput(outline.Pages.Count, warnings)));
    }
}
