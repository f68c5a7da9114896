using System.Collections.Immutable;
using Orchestrator.Abstractions;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Plugins.Manifests;

/// <summary>Thrown by <see cref="ManifestReadResult.GetManifestOrThrow"/>: carries every problem (file, field path, line, message).</summary>
public sealed class InvalidManifestException : OrchestratorException
{
    /// <summary>Creates the exception from the problems of one manifest; the message lists the errors, one per line.</summary>
    /// <param name="problems">Every problem found; the errors among them are why the manifest was rejected.</param>
    public InvalidManifestException(ImmutableArray<DocumentProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, warnings included.</summary>
    public ImmutableArray<DocumentProblem> Problems { get; }

    private static string Describe(ImmutableArray<DocumentProblem> problems)
    {
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        return errors.Count == 0
            ? "the manifest is invalid"
            : $"the manifest is invalid ({errors.Count} error{(errors.Count == 1 ? string.Empty : "s")}):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
    }
}
