using System.Collections.Immutable;
using Orchestrator.Documents.Problems;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Cli.Commands.Shared;

/// <summary>One path checked by <c>plugins validate</c> or <c>workflows validate</c>: what it defines, and every problem found.</summary>
internal sealed record Validation(string Path, bool IsValid, string? Name, string? Version, ImmutableArray<DocumentProblem> Problems)
{
    public int Errors => Problems.Count(p => p.Severity == ProblemSeverity.Error);
}
