namespace Orchestrator.Plugins.Manifests.Validation;

/// <summary>Lists items in a message without letting a hostile manifest make messages quadratic in size.</summary>
internal static class Listing
{
    private const int MaxItems = 10;

    /// <summary><c>a, b, c</c>, or <c>a, b, ... and 90 more</c> for long lists.</summary>
    public static string Of(IReadOnlyList<string> items) =>
        items.Count <= MaxItems
            ? string.Join(", ", items)
            : $"{string.Join(", ", items.Take(MaxItems))} and {items.Count - MaxItems} more";
}
