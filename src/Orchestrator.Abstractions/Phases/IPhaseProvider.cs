namespace Orchestrator.Abstractions.Phases;

/// <summary>
/// Supplies the phase implementations of one plugin. Built-in plugins implement it and are registered at
/// compile time; a .NET assembly plugin may implement it as its explicit entry type (otherwise every public,
/// non-abstract <see cref="IPhase"/> type with a parameterless constructor in the assembly is used).
/// </summary>
public interface IPhaseProvider
{
    /// <summary>Creates the plugin's phases; each <see cref="IPhase.Name"/> matches a phase in the manifest.</summary>
    /// <returns>The phases.</returns>
    IReadOnlyList<IPhase> CreatePhases();
}
