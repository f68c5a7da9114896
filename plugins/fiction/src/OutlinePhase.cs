using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Fiction;

/// <summary>Orders the scenes in three acts from premise, world and cast; each scene says who, where and what changes. Writes <c>outline.md</c>.</summary>
internal sealed class OutlinePhase : PhaseBase
{
    private const int ScenesPerChapter = 3;

    private static readonly string[][] Beats =
    [
        ["{hero} notices the first sign of the {keyword}", "{hero} refuses to leave it alone", "{other} warns {hero} off"],
        ["{hero} and {other} test what the {keyword} can do", "{villain} makes the first move", "a trust between {hero} and {other} breaks"],
        ["{hero} confronts {villain} over the {keyword}", "{hero} pays the price of the choice", "{hero} accepts that {theme}"],
    ];

    public override string Name => "outline";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var config = FictionConfig.Read(scope);
        var premise = scope.Context.GetPreviousPhaseOutput<PremiseOutput>("premise");
        var world = scope.Context.GetPreviousPhaseOutput<WorldOutput>("worldbuilding");
        var cast = scope.Context.GetPreviousPhaseOutput<CastOutput>("characters");
        var random = new DeterministicRandom(premise.Premise + "|outline");
        var supporting = cast.Characters.Skip(2).Select(c => c.Name).ToList();

        var chapters = new List<ChapterPlan>();
        for (var number = 1; number <= premise.Chapters; number++)
        {
            var act = ActOf(number, premise.Chapters);
            var scenes = new List<ScenePlan>();
            for (var scene = 1; scene <= ScenesPerChapter; scene++)
            {
                var last = number == premise.Chapters && scene == ScenesPerChapter;
                var other = act == 3 && scene > 1 ? cast.Antagonist.Name : supporting[(number + scene) % supporting.Count];
                var beat = last ? Beats[2][2] : random.Pick(act == 3 ? Beats[2][..2] : Beats[act - 1]);
                var change = beat
                    .Replace("{hero}", cast.Protagonist.Name, StringComparison.Ordinal)
                    .Replace("{other}", other, StringComparison.Ordinal)
                    .Replace("{villain}", cast.Antagonist.Name, StringComparison.Ordinal)
                    .Replace("{keyword}", premise.Keywords[0], StringComparison.Ordinal)
                    .Replace("{theme}", premise.Theme, StringComparison.Ordinal);
                scenes.Add(new ScenePlan(scene, [cast.Protagonist.Name, other], random.Pick(world.Locations), change));
            }

            var title = Naming.TitleCase($"{random.Pick(["the", "a"])} {random.Pick(premise.Keywords)} {random.Pick(["at dusk", "remembered", "in the dark", "returns", "unbound", "and the cost"])}");
            chapters.Add(new ChapterPlan(number, act, title, scenes));
        }

        var wordsPerScene = config.TargetWords / (premise.Chapters * ScenesPerChapter);
        var file = await scope.Workspace.WriteAsync("outline.md", $"""
            # Outline of {premise.Title}

            {scope.BriefBlock}About {config.TargetWords} words: {premise.Chapters} chapters of {ScenesPerChapter} scenes, about {wordsPerScene} words each. Set in {world.Place}.

            {string.Join("\n", chapters.Select(chapter => $"## Chapter {chapter.Number}: {chapter.Title} (act {chapter.Act})\n\n" +
                string.Join("\n", chapter.Scenes.Select(s => $"{s.Number}. {string.Join(" and ", s.Who)} — {s.Where} — {s.Change}.")) + "\n"))}
            """, cancellationToken);
        scope.Context.SetMetadata("fiction.scenes", premise.Chapters * ScenesPerChapter);
        return scope.Context.ToResult(new OutlineOutput(chapters, wordsPerScene, file), [file]);
    }

    private static int ActOf(int chapter, int chapters) => chapters switch
    {
        1 => 3,
        2 => chapter == 1 ? 1 : 3,
        _ => chapter == 1 ? 1 : chapter == chapters ? 3 : 2,
    };
}
