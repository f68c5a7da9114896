using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Fiction;

/// <summary>Describes the setting of the premise: place, era, three rules and one piece of history; writes <c>world.md</c>.</summary>
internal sealed class WorldbuildingPhase : PhaseBase
{
    public override string Name => "worldbuilding";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var premise = scope.Context.GetPreviousPhaseOutput<PremiseOutput>("premise");
        var bible = StoryBible.For(premise.Genre);
        var random = new DeterministicRandom(premise.Premise + "|world");
        var place = random.Pick(bible.Places);
        var era = random.Pick(bible.Eras);
        var rules = bible.Rules.OrderBy(_ => random.Next(1000)).Take(3).ToList();
        var keyword = premise.Keywords[0];
        var history = $"A generation ago, {place} lost its {keyword} to {random.Pick(bible.Eras)}; people still argue about who was to blame, and the question of {premise.Theme} has never been settled.";
        var locations = bible.Spots.ToList();

        var file = await scope.Workspace.WriteAsync("world.md", $"""
            # World of {premise.Title}

            {scope.BriefBlock}## Place and era

            The story is set in {place}, during {era}.

            ## Rules

            {string.Join('\n', rules.Select(rule => "- " + Naming.Capitalize(rule) + "."))}

            ## History

            {history}

            ## Locations

            {string.Join('\n', locations.Select(location => "- " + Naming.Capitalize(location)))}

            """, cancellationToken);
        var output = new WorldOutput(place, era, rules, history, locations, file);
        return scope.Context.ToResult(output, [file]);
    }
}
