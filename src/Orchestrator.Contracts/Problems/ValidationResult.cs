using System.Collections.Immutable;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Contracts.Problems;

/// <summary>The validation of one manifest: valid when it has no error (warnings allowed), with every problem found.</summary>
/// <param name="Path">The plugin directory or manifest file validated; null for a manifest sent to the REST API.</param>
/// <param name="Valid">True when the manifest has no error.</param>
/// <param name="Name">The plugin's name, when the manifest is valid.</param>
/// <param name="Version">The plugin's version, when the manifest is valid.</param>
/// <param name="Problems">Every error and warning, in the order they were found.</param>
public sealed record ValidationResult(string? Path, bool Valid, string? Name, string? Version, ImmutableArray<FileProblem> Problems)
{
    /// <summary>The contract of a manifest read.</summary>
    /// <param name="path">What was validated; null when it has no path.</param>
    /// <param name="result">The read.</param>
    /// <returns>The contract.</returns>
    public static ValidationResult From(string? path, ManifestReadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(
            path,
            result.IsValid,
            result.Manifest?.Name,
            result.Manifest?.Version.ToString(),
            [.. result.Problems.Select(FileProblem.From)]);
    }
}
