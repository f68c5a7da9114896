namespace WordCount;

/// <summary>The output of <c>count</c>, read back by <c>top</c>.</summary>
public sealed record WordCounts(int Characters, int Words, int Lines, IReadOnlyList<string> WordList);
