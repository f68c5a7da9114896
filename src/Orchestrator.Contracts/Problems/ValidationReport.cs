using System.Collections.Immutable;

namespace Orchestrator.Contracts.Problems;

/// <summary><c>plugins validate PATH... --json</c>: one result per path, and how many were valid.</summary>
/// <param name="Results">The result of each path, in the order given.</param>
/// <param name="Valid">How many manifests are valid.</param>
/// <param name="Invalid">How many manifests have errors.</param>
public sealed record ValidationReport(ImmutableArray<ValidationResult> Results, int Valid, int Invalid)
{
    /// <summary>The report of several validations.</summary>
    /// <param name="results">The results.</param>
    /// <returns>The report.</returns>
    public static ValidationReport From(IReadOnlyCollection<ValidationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var invalid = results.Count(r => !r.Valid);
        return new([.. results], results.Count - invalid, invalid);
    }
}
