namespace Orchestrator.Documents.Problems;

/// <summary>One finding in a document (a plugin manifest, a workflow file), located precisely enough to fix it.</summary>
/// <param name="Severity">Errors reject the document; warnings (e.g. unknown keys) do not.</param>
/// <param name="File">The document's file path as given, or the label of a document without a file.</param>
/// <param name="FieldPath">The field, e.g. <c>phases[2].timeout</c>; empty for the whole file.</param>
/// <param name="Line">1-based line in the file, when known.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record DocumentProblem(ProblemSeverity Severity, string File, string FieldPath, int? Line, string Message)
{
    /// <summary>The problem as one line a person can act on.</summary>
    /// <returns><c>file:line: severity: field: message</c>.</returns>
    public override string ToString()
    {
        var location = Line is { } line ? $"{File}:{line}" : File;
        var field = FieldPath.Length > 0 ? $"{FieldPath}: " : string.Empty;
        var severity = Severity == ProblemSeverity.Error ? "error" : "warning";
        return $"{location}: {severity}: {field}{Message}";
    }
}
