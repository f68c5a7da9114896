using System.Collections.Immutable;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Code;
using Orchestrator.Plugins.Docs;
using Orchestrator.Plugins.Fiction;

namespace Orchestrator.Cli;

/// <summary>
/// The plugins compiled into the <c>orchestrator</c> executable (manifest <c>type: builtin</c>), by plugin name. The
/// plugin host knows none of them: the process that composes it registers them (<c>PluginOptions.BuiltIns</c>), and
/// their manifests ship next to the binary (see docs/built-in-plugins.md).
/// </summary>
internal static class BuiltInPlugins
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
