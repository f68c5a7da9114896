using System.Globalization;
using System.Text;
using System.Text.Json;
using Orchestrator.Abstractions;
using Orchestrator.Abstractions.Phases;

namespace WordCount;

/// <summary>Ranks the words counted by <c>count</c> (most frequent first, ties alphabetical) and writes wordcount.md.</summary>
public sealed class TopPhase : IPhase
{
    public string Name => "top";

    public async Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken)
    {
        if (!request.Context.TryGetPhaseOutput("count", out var countOutput))
        {
            throw new PhaseInputException("phase 'top' needs the output of phase 'count'; run 'count' first");
        }

        var counts = countOutput.Deserialize<WordCounts>(OrchestratorJson.Options)!;
        var top = request.Config.TryGetValue("top", out var n) ? n.GetInt32() : 5;
        var ranking = counts.WordList
            .GroupBy(w => w, StringComparer.Ordinal)
            .Select(g => new { word = g.Key, count = g.Count() })
            .OrderByDescending(w => w.count)
            .ThenBy(w => w.word, StringComparer.Ordinal)
            .Take(top)
            .ToList();

        var report = new StringBuilder();
        report.AppendLine("# Word count").AppendLine();
        if (request.Prompt is { } prompt)
        {
            report.AppendLine("> " + prompt.Trim()).AppendLine();
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"{counts.Words} words, {counts.Lines} lines, {counts.Characters} characters.").AppendLine();
        foreach (var entry in ranking)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"- {entry.word}: {entry.count}");
        }

        await File.WriteAllTextAsync(Path.Combine(request.WorkingDirectory, "wordcount.md"), report.ToString(), cancellationToken);

        // A write to the context is a metadata change the engine merges into the run when this attempt succeeds.
        request.Context.Set("word_count", counts.Words);
        return PhaseResult.FromOutput(new { top = ranking }) with { Artifacts = ["wordcount.md"] };
    }
}
