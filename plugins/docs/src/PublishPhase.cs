using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Docs;

/// <summary>Writes <c>site/index.md</c>: overview, every page in reading order, per-file summaries, review and link results.</summary>
internal sealed class PublishPhase : PhaseBase
{
    public const string Index = "site/index.md";

    public override string Name => "publish";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var collected = scope.Context.GetPreviousPhaseOutput<CollectOutput>("collect");
        var outline = scope.Context.GetPreviousPhaseOutput<DocsOutline>("outline");
        var review = scope.Context.GetPreviousPhaseOutput<ReviewOutput>("review");
        var links = scope.Context.TryGetPreviousPhaseOutput("link_check", out _) ? scope.Context.GetPreviousPhaseOutput<LinkReport>("link_check") : null;

        string Section(string kind) => string.Join('\n', outline.Pages.Where(p => p.Kind == kind)
            .Select(p => $"- [{p.Title}]({p.File["site/".Length..]})"));

        var index = await scope.Workspace.WriteAsync(Index, $"""
            # {collected.Title}

            Documentation for {outline.Audience} readers, generated from {collected.Files.Count} source files
            ({collected.Files.Sum(f => f.Symbols.Count)} public symbols).

            ## Guides

            {Section("guide")}

            ## Reference

            {(outline.Pages.Any(p => p.Kind == "reference") ? Section("reference") : "No source file has public API.")}

            ## Source files

            {string.Join('\n', collected.Files.Select(f => $"- `{f.Path}` ({f.Language}) — {f.Summary}"))}

            ## Review

            {(review.Warnings.Count == 0 ? "No warnings." : string.Join('\n', review.Warnings.Select(w => "- " + w)))}

            {(links is null ? "Links were not checked (the optional link check did not run)." : $"Links: {links.Checked} checked, {links.Broken.Count} broken (see link-report.md).")}

            """, cancellationToken);
        return scope.Context.ToResult(new PublishOutput(index, [.. outline.Pages.Select(p => p.File)]), [index]);
    }
}
