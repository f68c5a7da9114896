using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Fiction;

/// <summary>
/// The built-in <c>fiction</c> plugin: premise → world and cast (in parallel) → outline → draft → critique
/// (optional) → revise → compile, writing <c>manuscript.md</c> and its notes into the working directory.
/// </summary>
public sealed class FictionPlugin : IPhaseProvider
{
    /// <summary>The plugin name in its manifest.</summary>
    public const string Name = "fiction";

    /// <inheritdoc/>
    public IReadOnlyList<IPhase> CreatePhases() =>
    [
        new PremisePhase(), new WorldbuildingPhase(), new CharactersPhase(), new OutlinePhase(),
        new DraftPhase(), new CritiquePhase(), new RevisePhase(), new CompilePhase(),
    ];
}
