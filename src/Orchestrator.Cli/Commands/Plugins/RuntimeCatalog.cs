using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Hosting;
using Orchestrator.Plugins.Execution;
using RunnableCatalog = Orchestrator.Plugins.Execution.PluginCatalog;

namespace Orchestrator.Cli.Commands.Plugins;

/// <summary>Creates and loads the runnable plugin catalog for one CLI command.</summary>
internal static class RuntimeCatalog
{
    public static async Task<(RunnableCatalog Catalog, ILoggerFactory Loggers)> LoadAsync(
        CliContext context, string[]? explicitPaths, TextWriter error, CancellationToken cancellationToken)
    {
        var loggers = new CliLogging(LogProfile.PluginOutput, Verbose: false, error).CreateFactory();
        var catalog = new RunnableCatalog(
            new PluginOptions
            {
                Discovery = context.Discovery with { ExplicitPaths = [.. explicitPaths ?? []] },
                BuiltIns = context.BuiltIns,
                ProductVersion = context.ProductVersion,
                HostEnvironment = context.HostEnvironment ?? context.Discovery.Environment,
                KillGracePeriod = context.KillGracePeriod,
                WatchForChanges = false,
            },
            loggers);
        try
        {
            await catalog.ReloadAsync(cancellationToken);
        }
        catch
        {
            catalog.Dispose();
            loggers.Dispose();
            throw;
        }

        return (catalog, loggers);
    }
}
