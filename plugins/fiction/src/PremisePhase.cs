using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Fiction;

/// <summary>Turns the request (<c>premise</c>, optional <c>title</c>, <c>genre</c>, <c>chapters</c>) into logline, theme and point of view.</summary>
internal sealed class PremisePhase : PhaseBase
{
    private static readonly HashSet<string> StopWords = new(
        ["the", "and", "that", "with", "from", "into", "when", "where", "which", "while", "their", "there", "this", "they", "them",
         "have", "has", "had", "who", "whose", "what", "about", "after", "before", "every", "over", "under", "only", "must", "will",
         "would", "could", "should", "been", "were", "then", "than", "finds", "find", "discovers", "learns", "tries"],
        StringComparer.Ordinal);

    public override string Name => "premise";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var config = FictionConfig.Read(scope);
        var premise = scope.Input.RequireString("premise", 1000, "{\"premise\": \"A lighthouse keeper finds a map that redraws itself every night\"}");
        var genre = scope.Input.OptionalString("genre", 40) is { } requested
            ? StoryBible.Genres.Contains(requested) ? requested
                : throw new PhaseInputException($"Input field \"genre\" is \"{requested}\"; it must be one of {string.Join(", ", StoryBible.Genres)}.")
            : config.Genre;
        var chapters = scope.Input.OptionalInt("chapters", 1, 12) ?? Math.Clamp((int)Math.Round(config.TargetWords / 1000.0), 1, 12);
        var keywords = Naming.Words(premise).Where(word => word.Length >= 4 && !StopWords.Contains(word)).Distinct().Take(5).ToList();
        if (keywords.Count == 0)
        {
            throw new PhaseInputException(
                $"The premise \"{premise}\" has no content words to build a story from; describe who wants what, for example \"A lighthouse keeper finds a map that redraws itself\".");
        }

        var random = new DeterministicRandom(premise + "|premise|" + genre);
        var bible = StoryBible.For(genre);
        var title = scope.Input.OptionalString("title", 120) ?? (keywords.Count > 1
            ? $"The {Naming.Capitalize(keywords[0])} and the {Naming.Capitalize(keywords[1])}"
            : $"The {Naming.Capitalize(keywords[0])}");
        var logline = $"{premise.TrimEnd('.', ' ')}, {random.Pick(bible.Stakes)}.";
        var output = new PremiseOutput(premise, title, logline, random.Pick(bible.Themes), "close third person", "past",
            genre, config.Tone, chapters, keywords, scope.Brief);

        var file = await scope.Workspace.WriteAsync("notes/premise.md", $"""
            # Premise: {title}

            {scope.BriefBlock}- **Logline:** {logline}
            - **Theme:** {output.Theme}
            - **Point of view:** {output.PointOfView}, {output.Tense} tense
            - **Genre and tone:** {genre}, {config.Tone}
            - **Length:** {chapters} chapters, about {config.TargetWords} words
            - **Keywords:** {string.Join(", ", keywords)}

            """, cancellationToken);

        scope.Context.SetMetadata("fiction.title", title);
        scope.Context.SetMetadata("fiction.genre", genre);
        return scope.Context.ToResult(output, [file]);
    }
}
