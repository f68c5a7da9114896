using System.Collections.Frozen;

namespace Orchestrator.Plugins.Fiction;

/// <summary>The genre vocabulary the fiction phases draw from.</summary>
internal sealed record StoryBible(
    IReadOnlyList<string> Places, IReadOnlyList<string> Eras, IReadOnlyList<string> Rules, IReadOnlyList<string> Themes,
    IReadOnlyList<string> Spots, IReadOnlyList<string> Stakes, IReadOnlyList<string> Textures)
{
    public static IReadOnlyList<string> Genres { get; } = ["fantasy", "science-fiction", "mystery", "literary", "horror"];

    private static readonly FrozenDictionary<string, StoryBible> ByGenre = new Dictionary<string, StoryBible>(StringComparer.Ordinal)
    {
        ["fantasy"] = new(
            ["the river city of Vell", "the salt-marsh kingdom of Orrin", "the mountain abbey of Caldry"],
            ["the last winter of the old crown", "the third age after the flood"],
            ["every promise is binding and leaves a mark on the skin", "iron silences magic", "the dead may speak once, at dawn", "maps change when no one is watching them"],
            ["a gift must be paid for", "home is a choice", "power needs a witness"],
            ["the ferry landing", "the archive tower", "the market under the bridge", "the frozen orchard", "the great hall"],
            ["or the kingdom will forget its own name", "before the old bargain comes due"],
            ["Lamplight shivered on the wet stones.", "Somewhere a bell counted the hour twice.", "The air smelled of tallow and river weed."]),
        ["science-fiction"] = new(
            ["the orbital station Harrow", "the generation ship Meridian", "the drowned arcology of New Lagos"],
            ["the ninth decade of the colony", "the year the relay went silent"],
            ["air is rationed by the hour", "memories can be copied but not erased", "no message travels faster than the ship", "machines must report every lie they hear"],
            ["memory makes the self", "distance tests loyalty", "every system hides a choice"],
            ["the hydroponics deck", "the observation ring", "the cargo lock", "the med bay", "the signal room"],
            ["before the oxygen runs out", "or the colony loses its last link to Earth"],
            ["The recyclers hummed in a low, patient chord.", "Frost feathered the inside of the viewport.", "A status light blinked amber and then went still."]),
        ["mystery"] = new(
            ["the harbour town of Kestrel Bay", "a boarding house on Ash Street", "the university town of Wendmoor"],
            ["a wet autumn in 1954", "the week of the regatta"],
            ["everyone in town owes someone a favour", "the tide cuts the island off twice a day", "no one locks a door, so every door matters"],
            ["truth has a price", "small lies make large ruins", "the past keeps its receipts"],
            ["the pier", "the pharmacy counter", "the reading room", "the pub's back room", "the lighthouse stairs"],
            ["before the wrong person hangs for it", "or the secret dies with its keeper"],
            ["Rain ticked against the window like a slow clock.", "The radiator knocked twice and fell silent.", "Someone had wiped the table, but not well enough."]),
        ["literary"] = new(
            ["a small town on the northern coast", "a tenement above a bakery", "a farmhouse at the edge of the fens"],
            ["the summer the mill closed", "the last year of the old century"],
            ["nobody speaks about the drowning", "the family land cannot be sold, only inherited", "letters arrive years late"],
            ["grief is a kind of love", "we become what we forgive", "leaving is also a return"],
            ["the kitchen table", "the bus shelter", "the hospital corridor", "the back garden", "the shoreline"],
            ["before the house is sold", "while there is still time to say it"],
            ["The kettle ticked as it cooled.", "Gulls argued over the rooftops.", "The light came in low and gold across the floor."]),
        ["horror"] = new(
            ["a half-flooded village in the fens", "the Marrow Hill sanatorium", "a farmhouse with one more room than it should have"],
            ["the winter of the long dark", "the week the church bell stopped"],
            ["whatever is named in the house may answer", "mirrors show the room a moment late", "the cellar is always warmer than it should be"],
            ["what we bury stays hungry", "fear wears a familiar face", "the house remembers"],
            ["the cellar stairs", "the empty nursery", "the chapel yard", "the long corridor", "the frozen pond"],
            ["before the house finishes what it started", "or the thing in the walls learns their names"],
            ["Something settled in the walls with a sound like breath.", "The candle leaned toward the door.", "Frost crept across the glass in the shape of fingers."]),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlyList<string> Flaws { get; } =
        ["pride that will not ask for help", "a habit of lying to be kind", "fear of being left behind", "a temper kept on a short leash", "loyalty that outlives its reasons"];

    public static IReadOnlyList<string> Arcs { get; } =
        ["learns to trust the people around them", "gives up what they wanted for what they need", "stops running and tells the truth", "loses a certainty and finds a purpose"];

    public static IReadOnlyList<string> Syllables { get; } =
        ["ma", "ren", "is", "tal", "or", "vey", "lin", "da", "co", "wen", "sa", "bel", "tor", "ane", "mi", "rho", "el", "kas", "yn", "du"];

    public static StoryBible For(string genre) => ByGenre[genre];
}
