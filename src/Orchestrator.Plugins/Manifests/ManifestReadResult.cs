using System.Collections.Immutable;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Plugins.Manifests;

/// <summary>The outcome of reading one manifest: the manifest when it has no errors, and every problem found.</summary>
public sealed record ManifestReadResult(PluginManifest? Manifest, ImmutableArray<DocumentProblem> Problems)
{
    /// <summary>True when a manifest was produced and no problem is an error.</summary>
    public bool IsValid => Manifest is not null && !Problems.Any(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<DocumentProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);

    /// <summary>The manifest when valid; otherwise throws with every problem.</summary>
    /// <exception cref="InvalidManifestException">The manifest has errors.</exception>
    public PluginManifest GetManifestOrThrow() => IsValid ? Manifest! : throw new InvalidManifestException(Problems);
}
