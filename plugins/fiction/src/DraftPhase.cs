using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Fiction;

/// <summary>Writes every scene of the outline into <c>chapters/NN-title.md</c>, aiming at <c>target_words</c>.</summary>
internal sealed class DraftPhase : PhaseBase
{
    public override string Name => "draft";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var config = FictionConfig.Read(scope);
        var premise = scope.Context.GetPreviousPhaseOutput<PremiseOutput>("premise");
        var world = scope.Context.GetPreviousPhaseOutput<WorldOutput>("worldbuilding");
        var outline = scope.Context.GetPreviousPhaseOutput<OutlineOutput>("outline");
        var writer = new ProseWriter(premise, world, config.Temperature);

        var files = new List<ChapterFile>();
        foreach (var plan in outline.Chapters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chapter = new ChapterText(plan.Number, plan.Title, [.. plan.Scenes.Select(scene => writer.WriteScene(plan.Number, scene, outline.WordsPerScene))]);
            var file = await scope.Workspace.WriteAsync(chapter.FileName, chapter.Render(), cancellationToken);
            files.Add(new ChapterFile(plan.Number, plan.Title, file, chapter.Words));
        }

        var notes = await scope.Workspace.WriteAsync("notes/draft.md", $"""
            # Draft notes

            {scope.BriefBlock}Wrote {files.Sum(f => f.Words)} words in {files.Count} chapters (target {config.TargetWords}, temperature {config.Temperature.ToString(System.Globalization.CultureInfo.InvariantCulture)}).

            """, cancellationToken);
        var total = files.Sum(f => f.Words);
        scope.Context.RecordMetric("words", total);
        return scope.Context.ToResult(new ManuscriptDraft(files, total, []), [.. files.Select(f => f.File), notes]);
    }
}
