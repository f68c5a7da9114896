using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Fiction;

/// <summary>Builds the cast from the premise — a protagonist, an antagonist and one to three supporting characters — and writes <c>characters.md</c>.</summary>
internal sealed class CharactersPhase : PhaseBase
{
    public override string Name => "characters";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var premise = scope.Context.GetPreviousPhaseOutput<PremiseOutput>("premise");
        var random = new DeterministicRandom(premise.Premise + "|cast");
        var names = new List<string>();
        var count = 3 + random.Next(3);
        while (names.Count < count)
        {
            var name = Naming.Capitalize(string.Concat(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => random.Pick(StoryBible.Syllables))));
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        var keyword = premise.Keywords[0];
        var cast = names.Select((name, index) => new CharacterSheet(
            name,
            index switch { 0 => "protagonist", 1 => "antagonist", _ => "supporting" },
            index switch
            {
                0 => $"to understand the {keyword} before it costs them everything",
                1 => $"to own the {keyword} and the power it brings",
                _ => $"to keep {names[0]} safe without losing {random.Pick(["a job", "a secret", "their standing", "a promise"])}",
            },
            random.Pick(StoryBible.Flaws),
            random.Pick(StoryBible.Arcs))).ToList();

        var file = await scope.Workspace.WriteAsync("characters.md", $"""
            # Characters of {premise.Title}

            {scope.BriefBlock}{string.Join("\n", cast.Select(c => $"""
                ## {c.Name} ({c.Role})

                - **Goal:** {c.Goal}
                - **Flaw:** {c.Flaw}
                - **Arc:** {c.Arc}

                """))}
            """, cancellationToken);
        scope.Context.SetMetadata("fiction.protagonist", cast[0].Name);
        return scope.Context.ToResult(new CastOutput(cast, file), [file]);
    }
}
