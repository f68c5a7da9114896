using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Engine.Payloads;

/// <summary>
/// Upper bounds on the bytes of JSON the engine's records serialize to, so that a value surely below a limit is not
/// serialized only to be measured (a phase attempt serialized its result twice and the changes it was sent once, only
/// to compare their sizes with the limits). A writer escapes a character as at most six bytes (<c>\uXXXX</c>) for each
/// UTF-8 byte or UTF-16 character it reads, so six times the raw length bounds any value, name or text.
/// </summary>
internal static class JsonSize
{
    /// <summary>The bytes a record's property names, punctuation and SHA-256 references take at most.</summary>
    public const long Frame = 512;

    /// <summary>The bytes the property names and punctuation of a <see cref="StoredResult"/> or a <see cref="ContextChange"/> take at most.</summary>
    public const long Names = 64;

    private const long Escaped = 6;

    public static long Bound(JsonElement? value) => (Escaped * JsonValues.Length(value)) + 8;

    public static long Bound(string? text) => (Escaped * (text?.Length ?? 0)) + 8;

    public static long Bound(ImmutableDictionary<string, JsonElement> values)
    {
        var bound = 8L;
        foreach (var (key, value) in values)
        {
            bound += Bound(key) + Bound(value);
        }

        return bound;
    }

    public static long Bound(ImmutableArray<string> texts) => texts.IsDefault ? 8 : texts.Sum(Bound) + 8;

    public static long Bound(StoredResult result) => Names + Bound(result.Output) + Bound(result.Metadata);

    public static long Bound(ContextChange change) =>
        Names + Bound(change.Phase) + Bound(change.Result) + Bound(change.Outputs) + Bound(change.Metadata);
}
