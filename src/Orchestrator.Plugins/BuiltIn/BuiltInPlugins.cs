using System.Collections.Immutable;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.BuiltIn.Code;
using Orchestrator.Plugins.BuiltIn.Docs;
using Orchestrator.Plugins.BuiltIn.Fiction;

namespace Orchestrator.Plugins.BuiltIn;

/// <summary>The plugins compiled into Orchestrator (manifest <c>type: builtin</c>), by plugin name.</summary>
public static class BuiltInPlugins
{
    /// <summary>Plugin name → factory of its phase provider.</summary>
    public static ImmutableDictionary<string, Func<IPhaseProvider>> All { get; } =
        new Dictionary<string, Func<IPhaseProvider>>(StringComparer.Ordinal)
        {
            [CodePlugin.Name] = () => new CodePlugin(),
            [DocsPlugin.Name] = () => new DocsPlugin(),
            [FictionPlugin.Name] = () => new FictionPlugin(),
        }.ToImmutableDictionary(StringComparer.Ordinal);
}
