using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Docs;

/// <summary>
/// The built-in <c>docs</c> plugin: collect (inventory of a source folder) → outline → reference and guides
/// (in parallel) → review (after approval) → link_check (optional) → publish (<c>site/index.md</c>).
/// </summary>
public sealed class DocsPlugin : IPhaseProvider
{
    /// <summary>The plugin name in its manifest.</summary>
    public const string Name = "docs";

    /// <inheritdoc/>
    public IReadOnlyList<IPhase> CreatePhases() =>
        [new CollectPhase(), new OutlinePhase(), new ReferencePhase(), new GuidesPhase(), new ReviewPhase(), new LinkCheckPhase(), new PublishPhase()];
}
