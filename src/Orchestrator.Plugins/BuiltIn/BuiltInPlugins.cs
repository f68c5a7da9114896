using System.Collections.Immutable;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.BuiltIn;

/// <summary>The plugins compiled into Orchestrator (manifest <c>type: builtin</c>), by plugin name.</summary>
public static class BuiltInPlugins
{
    /// <summary>Plugin name → factory of its phase provider.</summary>
    public static ImmutableDictionary<string, Func<IPhaseProvider>> All { get; } =
        ImmutableDictionary.Create<string, Func<IPhaseProvider>>(StringComparer.Ordinal);
}
