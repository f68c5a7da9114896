using System.Collections.Immutable;

namespace Orchestrator.Plugins.Manifests;

/// <summary>Collects every problem of one manifest file so that all of them are reported at once.</summary>
internal sealed class ProblemCollector(string file)
{
    private readonly List<ManifestProblem> _problems = [];

    public string File { get; } = file;

    public bool HasErrors { get; private set; }

    public void Error(string fieldPath, int? line, string message)
    {
        HasErrors = true;
        _problems.Add(new ManifestProblem(ProblemSeverity.Error, File, fieldPath, line, message));
    }

    public void Warning(string fieldPath, int? line, string message) =>
        _problems.Add(new ManifestProblem(ProblemSeverity.Warning, File, fieldPath, line, message));

    /// <summary>The problems ordered by line (file-level ones first), keeping discovery order within a line.</summary>
    public ImmutableArray<ManifestProblem> ToImmutable() =>
        [.. _problems.Select((p, i) => (p, i)).OrderBy(x => x.p.Line ?? 0).ThenBy(x => x.i).Select(x => x.p)];
}
