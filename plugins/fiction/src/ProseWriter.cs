using Orchestrator.Abstractions.Authoring;

namespace Orchestrator.Plugins.Fiction;

/// <summary>
/// Writes the prose of one scene from sentence patterns, seeded by the premise and scene so the same run input
/// always yields the same text. A higher <c>temperature</c> widens the pool of patterns used.
/// </summary>
internal sealed class ProseWriter(PremiseOutput premise, WorldOutput world, double temperature)
{
    private static readonly string[] Patterns =
    [
        "{hero} crossed {spot} without looking back.",
        "{other} was already waiting at {spot}.",
        "\"You know what the {keyword} means,\" {other} said.",
        "{hero} thought about the {keyword} and said nothing.",
        "For a moment neither of them spoke.",
        "{other} watched {hero} with a look that was hard to read.",
        "\"We can still stop this,\" {hero} said.",
        "{hero} remembered that here {rule}.",
        "The {tone} quiet of {spot} made it easier to tell the truth.",
        "{other} laughed, but it was not a kind sound.",
        "{hero} counted the reasons to stay, and then the reasons to go.",
        "Nothing about the {keyword2} was simple any more.",
        "{other} reached for the door and hesitated.",
        "{hero} turned the question over like a stone in a pocket.",
        "\"Tell me the rest,\" {hero} said, and {other} finally did.",
        "It was the kind of hour {hero} would remember long after.",
        "Far off, something answered.",
        "{hero} wrote it down, because memory could not be trusted tonight.",
    ];

    private static readonly string[] Actions =
    [
        "studied", "circled back to", "pointed at", "did not trust", "kept thinking about", "wanted to ask about",
        "argued about", "set down", "listened for", "could not forget", "reached for", "stared past",
    ];

    private static readonly string[] Objects =
    [
        "the {keyword}", "the {keyword2}", "the window", "the far wall", "the locked drawer", "the lamp",
        "the old ledger", "the rain", "the silence between them", "the door to {spot}", "the marks on the table", "the letter",
    ];

    private static readonly string[] Codas =
    [
        "as if it might answer", "and the room grew colder", "while {other} waited", "because nothing else made sense",
        "for longer than was wise", "and said nothing of it", "until the feeling passed", "the way {hero} always did when afraid",
        "knowing that {rule}", "and then looked away",
    ];

    private readonly StoryBible _bible = StoryBible.For(premise.Genre);

    public List<List<string>> WriteScene(int chapter, ScenePlan scene, int budget)
    {
        var random = new DeterministicRandom(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{premise.Premise}|draft|{chapter}|{scene.Number}|{temperature}"));
        var hero = scene.Who[0];
        var other = scene.Who.Count > 1 ? scene.Who[1] : hero;
        var width = Math.Clamp((int)Math.Ceiling(Patterns.Length * Math.Min(1, 0.35 + (temperature / 2))), 4, Patterns.Length);
        var paragraphs = new List<List<string>>
        {
            new() { $"{hero} came to {scene.Where} in {world.Place} as the light was going.", random.Pick(_bible.Textures) },
        };
        var words = ChapterText.SceneWords(paragraphs);
        var closing = $"By the end of it, {scene.Change}.";
        var closingWords = Naming.CountWords(closing);
        while (words + closingWords < budget)
        {
            var paragraph = new List<string>();
            var length = 3 + random.Next(3);
            while (paragraph.Count < length && words + closingWords < budget)
            {
                var sentence = random.Next(20) switch
                {
                    < 3 => random.Pick(_bible.Textures),
                    < 8 => Fill(random.Pick(Patterns[..width]), hero, other, scene.Where, random),
                    _ => Compose(hero, other, scene.Where, random),
                };
                paragraph.Add(sentence);
                words += Naming.CountWords(sentence);
            }

            paragraphs.Add(paragraph);
        }

        paragraphs[^1].Add(closing);
        return paragraphs;
    }

    /// <summary>A sentence for a scene that needs more words, different from every sentence in <paramref name="existing"/>.</summary>
    public string? Bridge(string hero, string other, string spot, ISet<string> existing, DeterministicRandom random)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var sentence = Compose(hero, other, spot, random);
            if (existing.Add(sentence))
            {
                return sentence;
            }
        }

        return null;
    }

    private string Compose(string hero, string other, string spot, DeterministicRandom random)
    {
        var subject = random.Next(3) == 0 ? other : hero;
        var sentence = $"{subject} {random.Pick(Actions)} {random.Pick(Objects)}, {random.Pick(Codas)}.";
        return Fill(sentence, hero, other, spot, random);
    }

    private string Fill(string pattern, string hero, string other, string spot, DeterministicRandom random) => pattern
        .Replace("{hero}", hero, StringComparison.Ordinal)
        .Replace("{other}", other, StringComparison.Ordinal)
        .Replace("{spot}", spot, StringComparison.Ordinal)
        .Replace("{keyword}", premise.Keywords[0], StringComparison.Ordinal)
        .Replace("{keyword2}", random.Pick(premise.Keywords), StringComparison.Ordinal)
        .Replace("{rule}", random.Pick(world.Rules), StringComparison.Ordinal)
        .Replace("{tone}", premise.Tone, StringComparison.Ordinal);
}
