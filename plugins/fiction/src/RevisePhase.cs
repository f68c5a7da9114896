using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Fiction;

/// <summary>
/// Revises the chapter files in place: drops repeated sentences, brings absent characters on stage when the
/// critique (if it ran) asks for it, and pads short scenes until the story is within ten percent of
/// <c>target_words</c>. Writes <c>notes/revision.md</c>.
/// </summary>
internal sealed class RevisePhase : PhaseBase
{
    public override string Name => "revise";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var config = FictionConfig.Read(scope);
        var premise = scope.Context.GetPreviousPhaseOutput<PremiseOutput>("premise");
        var world = scope.Context.GetPreviousPhaseOutput<WorldOutput>("worldbuilding");
        var outline = scope.Context.GetPreviousPhaseOutput<OutlineOutput>("outline");
        var draft = scope.Context.GetPreviousPhaseOutput<ManuscriptDraft>("draft");
        var critique = scope.Context.TryGetPreviousPhaseOutput("critique", out _)
            ? scope.Context.GetPreviousPhaseOutput<CritiqueOutput>("critique")
            : null;
        var chapters = await FictionFiles.ReadChaptersAsync(scope.Workspace, draft, cancellationToken);
        var writer = new ProseWriter(premise, world, config.Temperature);
        var random = new DeterministicRandom(premise.Premise + "|revise");
        var changes = new List<string>();

        foreach (var chapter in chapters)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var removed = 0;
            foreach (var paragraph in chapter.Scenes.SelectMany(scene => scene))
            {
                removed += paragraph.RemoveAll(sentence => !seen.Add(sentence));
            }

            if (removed > 0)
            {
                changes.Add($"Chapter {chapter.Number}: removed {removed} repeated sentence(s).");
            }
        }

        foreach (var issue in critique?.Issues.Where(i => i.Kind == "character") ?? [])
        {
            var name = issue.Detail.Split(' ')[0];
            var chapter = chapters[Math.Min(chapters.Count - 1, chapters.Count / 2)];
            chapter.Scenes[0][^1].Insert(0, $"{name} was there too, saying little and missing nothing.");
            changes.Add($"Chapter {chapter.Number}: brought {name} into scene 1, as the critique asked.");
        }

        var all = new HashSet<string>(chapters.SelectMany(c => c.Scenes).SelectMany(s => s).SelectMany(p => p), StringComparer.Ordinal);
        var padded = 0;
        while (chapters.Sum(c => c.Words) < config.TargetWords * 0.97 && padded < 10_000)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (chapter, index) = chapters.SelectMany(c => c.Scenes.Select((scene, i) => (c, i))).MinBy(pair => ChapterText.SceneWords(pair.c.Scenes[pair.i]));
            var plan = outline.Chapters.First(p => p.Number == chapter.Number).Scenes[index];
            var sentence = writer.Bridge(plan.Who[0], plan.Who[^1], plan.Where, all, random);
            if (sentence is null)
            {
                break;
            }

            var scene = chapter.Scenes[index];
            scene[^1].Insert(Math.Max(0, scene[^1].Count - 1), sentence);
            padded++;
        }

        if (padded > 0)
        {
            changes.Add($"Added {padded} sentence(s) to the shortest scenes to reach about {config.TargetWords} words.");
        }

        var files = new List<ChapterFile>();
        foreach (var chapter in chapters)
        {
            var file = await scope.Workspace.WriteAsync(chapter.FileName, chapter.Render(), cancellationToken);
            files.Add(new ChapterFile(chapter.Number, chapter.Title, file, chapter.Words));
        }

        var total = files.Sum(f => f.Words);
        var notes = await scope.Workspace.WriteAsync("notes/revision.md", $"""
            # Revision notes

            {scope.BriefBlock}Critique used: {(critique is null ? "none (the critique phase did not run)" : $"{critique.Issues.Count} issue(s)")}.
            Words: {draft.TotalWords} → {total} (target {config.TargetWords}).

            {(changes.Count == 0 ? "No changes were needed." : string.Join('\n', changes.Select(c => "- " + c)))}

            """, cancellationToken);
        scope.Context.RecordMetric("words", total);
        return scope.Context.ToResult(new ManuscriptDraft(files, total, changes), [.. files.Select(f => f.File), notes]);
    }
}
