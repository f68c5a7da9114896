namespace Orchestrator.Documents.Problems;

/// <summary>How serious a <see cref="DocumentProblem"/> is.</summary>
public enum ProblemSeverity
{
    /// <summary>The document is rejected.</summary>
    Error,

    /// <summary>Worth fixing (for example an unknown key), but the document is still used.</summary>
    Warning,
}
