namespace Orchestrator.Documents.Problems;

/// <summary>Builds field paths as shown in problems: <c>phases[2].timeout</c>, <c>prompts.draft</c>.</summary>
public static class FieldPath
{
    /// <summary>The path of <paramref name="key"/> inside the mapping at <paramref name="parent"/>.</summary>
    /// <param name="parent">The mapping's path; empty for the document root.</param>
    /// <param name="key">The key.</param>
    /// <returns><c>parent.key</c>, or <c>key</c> at the root.</returns>
    public static string Child(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    /// <summary>The path of item <paramref name="index"/> of the list at <paramref name="parent"/>.</summary>
    /// <param name="parent">The list's path.</param>
    /// <param name="index">The 0-based index.</param>
    /// <returns><c>parent[index]</c>.</returns>
    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
