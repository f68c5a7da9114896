namespace Orchestrator.Plugins.Manifests;

/// <summary>One validation finding in a manifest, located precisely enough to fix it.</summary>
/// <param name="Severity">Errors reject the manifest; warnings (e.g. unknown keys) do not.</param>
/// <param name="File">The manifest file path as given.</param>
/// <param name="FieldPath">The field, e.g. <c>phases[2].timeout</c>; empty for the whole file.</param>
/// <param name="Line">1-based line in the file, when known.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record ManifestProblem(ProblemSeverity Severity, string File, string FieldPath, int? Line, string Message)
{
    /// <summary><c>file:line: severity: field: message</c>.</summary>
    public override string ToString()
    {
        var location = Line is { } line ? $"{File}:{line}" : File;
        var field = FieldPath.Length > 0 ? $"{FieldPath}: " : string.Empty;
        var severity = Severity == ProblemSeverity.Error ? "error" : "warning";
        return $"{location}: {severity}: {field}{Message}";
    }
}
