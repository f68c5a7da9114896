using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Registry;

namespace Orchestrator.Cli.Commands.Plugins;

/// <summary>What the <c>plugins</c> commands show: a discovery and the registry loaded from it.</summary>
internal sealed record PluginCatalog(DiscoveryResult Discovery, RegistrySnapshot Registry)
{
    public static PluginCatalog Load(CliContext context, string[]? explicitPaths, CancellationToken cancellationToken)
    {
        var options = context.Discovery with { ExplicitPaths = [.. explicitPaths ?? []] };
        var discovery = new PluginDiscovery().Discover(options, cancellationToken);
        var registry = new PluginRegistry(context.ProductVersion);
        return new PluginCatalog(discovery, registry.Load(discovery));
    }

    /// <summary>The rejection of a discovered plugin, or null when it loaded.</summary>
    public PluginProblem? RejectionOf(string name) =>
        Registry.Resolution.Rejections.FirstOrDefault(r => r.PluginName == name);
}
