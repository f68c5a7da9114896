namespace Orchestrator.Plugins.Discovery;

/// <summary>One directory searched for plugins.</summary>
/// <param name="Directory">Absolute, normalized path.</param>
/// <param name="Kind">Where it comes from.</param>
/// <param name="Precedence">0 is the highest; a plugin found in a lower-numbered path shadows the same name in a higher one.</param>
public sealed record SearchPath(string Directory, SearchPathKind Kind, int Precedence)
{
    public override string ToString() => $"{Directory} ({SearchPaths.Describe(Kind)})";
}
