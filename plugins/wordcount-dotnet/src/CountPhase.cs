using Orchestrator.Abstractions.Phases;

namespace WordCount;

/// <summary>Counts characters, words and lines of <c>input.text</c>.</summary>
public sealed class CountPhase : IPhase
{
    public string Name => "count";

    public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken)
    {
        var text = request.Input.GetProperty("text").GetString() ?? string.Empty;
        var words = Words.Split(text);
        var lines = text.Length == 0 ? 0 : text.Split('\n').Length;
        return Task.FromResult(PhaseResult.FromOutput(new WordCounts(text.Length, words.Count, lines, words)));
    }
}
