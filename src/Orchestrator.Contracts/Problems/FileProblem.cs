using Orchestrator.Documents.Problems;

namespace Orchestrator.Contracts.Problems;

/// <summary>One problem of a plugin manifest or a workflow file, located precisely enough to fix it.</summary>
/// <param name="Severity"><c>error</c> (the file is rejected) or <c>warning</c> (it is used anyway).</param>
/// <param name="File">The file, as it was read (<c>plugin manifest</c> for a manifest sent to the REST API).</param>
/// <param name="Line">The 1-based line, when known.</param>
/// <param name="Field">The field, e.g. <c>phases[2].timeout</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record FileProblem(string Severity, string File, int? Line, string Field, string Message)
{
    /// <summary>The contract of a document's problem.</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>The contract.</returns>
    public static FileProblem From(DocumentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(ContractJson.Name(problem.Severity), problem.File, problem.Line, problem.FieldPath, problem.Message);
    }
}
