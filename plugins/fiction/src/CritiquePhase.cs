using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Fiction;

/// <summary>
/// Reads the drafted chapters as an editor: repeated sentences, scenes far from their word budget and cast
/// members who never appear. At most ten issues, each located by scene; writes <c>critique.md</c>.
/// </summary>
internal sealed class CritiquePhase : PhaseBase
{
    private const int MaxIssues = 10;

    public override string Name => "critique";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var draft = scope.Context.GetPreviousPhaseOutput<ManuscriptDraft>("draft");
        var outline = scope.Context.GetPreviousPhaseOutput<OutlineOutput>("outline");
        var cast = scope.Context.GetPreviousPhaseOutput<CastOutput>("characters");
        var chapters = await FictionFiles.ReadChaptersAsync(scope.Workspace, draft, cancellationToken);

        var issues = new List<CritiqueIssue>();
        foreach (var chapter in chapters)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (scene, index) in chapter.Scenes.Select((scene, index) => (scene, index + 1)))
            {
                var where = $"{chapter.Number}.{index}";
                foreach (var sentence in scene.SelectMany(p => p).Where(s => !seen.Add(s)).Distinct())
                {
                    issues.Add(new CritiqueIssue(where, "repetition", $"\"{sentence}\" already appears earlier in chapter {chapter.Number}."));
                }

                var words = ChapterText.SceneWords(scene);
                if (words < outline.WordsPerScene * 0.75 || words > outline.WordsPerScene * 1.25)
                {
                    issues.Add(new CritiqueIssue(where, "pacing", $"The scene has {words} words against a budget of {outline.WordsPerScene}."));
                }
            }
        }

        var text = string.Join('\n', chapters.Select(c => c.Render()));
        foreach (var absent in cast.Characters.Where(c => !text.Contains(c.Name, StringComparison.Ordinal)))
        {
            issues.Add(new CritiqueIssue($"{chapters.Count / 2 + 1}.1", "character", $"{absent.Name} ({absent.Role}) never appears on the page."));
        }

        var kept = issues.Take(MaxIssues).ToList();
        var file = await scope.Workspace.WriteAsync("critique.md", $"""
            # Critique

            {scope.BriefBlock}{(kept.Count == 0 ? "No problems found." : string.Join('\n', kept.Select(i => $"- Scene {i.Scene} ({i.Kind}): {i.Detail}")))}

            """, cancellationToken);
        scope.Context.RecordMetric("issues", kept.Count);
        return scope.Context.ToResult(new CritiqueOutput(kept, file), [file]);
    }
}
