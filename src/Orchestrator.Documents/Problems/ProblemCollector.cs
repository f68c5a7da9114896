using System.Collections.Immutable;

namespace Orchestrator.Documents.Problems;

/// <summary>Collects every problem of one document so that all of them are reported at once.</summary>
/// <param name="file">How problems name the document: its path, or a label such as <c>plugin manifest</c>.</param>
public sealed class ProblemCollector(string file)
{
    private readonly List<DocumentProblem> _problems = [];

    /// <summary>How problems name the document.</summary>
    public string File { get; } = file;

    /// <summary>Whether any error (not only warnings) was recorded.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Records an error: the document is rejected.</summary>
    /// <param name="fieldPath">The field, e.g. <c>phases[2].timeout</c>; empty for the whole document.</param>
    /// <param name="line">The 1-based line, when known.</param>
    /// <param name="message">What is wrong and what is expected.</param>
    public void Error(string fieldPath, int? line, string message)
    {
        HasErrors = true;
        _problems.Add(new DocumentProblem(ProblemSeverity.Error, File, fieldPath, line, message));
    }

    /// <summary>Records a warning: the document is still used.</summary>
    /// <param name="fieldPath">The field; empty for the whole document.</param>
    /// <param name="line">The 1-based line, when known.</param>
    /// <param name="message">What is odd and what to do about it.</param>
    public void Warning(string fieldPath, int? line, string message) =>
        _problems.Add(new DocumentProblem(ProblemSeverity.Warning, File, fieldPath, line, message));

    /// <summary>The problems ordered by line (document-level ones first), keeping discovery order within a line.</summary>
    /// <returns>Every problem recorded so far.</returns>
    public ImmutableArray<DocumentProblem> ToImmutable() =>
        [.. _problems.Select((p, i) => (p, i)).OrderBy(x => x.p.Line ?? 0).ThenBy(x => x.i).Select(x => x.p)];
}
