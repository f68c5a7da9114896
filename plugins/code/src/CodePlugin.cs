using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Code;

/// <summary>
/// The built-in <c>code</c> plugin: analyze → design → implement → tests and api_docs (in parallel) → lint
/// (optional) → package. Generates a project skeleton for C#, Go, Python or TypeScript with tests, API docs,
/// a README and a <c>change.patch</c> of everything it wrote.
/// </summary>
public sealed class CodePlugin : IPhaseProvider
{
    /// <summary>The plugin name in its manifest.</summary>
    public const string Name = "code";

    /// <inheritdoc/>
    public IReadOnlyList<IPhase> CreatePhases() =>
        [new AnalyzePhase(), new DesignPhase(), new ImplementPhase(), new TestsPhase(), new ApiDocsPhase(), new LintPhase(), new PackagePhase()];
}
