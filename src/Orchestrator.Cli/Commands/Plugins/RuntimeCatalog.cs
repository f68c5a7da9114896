using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Commands.Shared;
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
        var options = new PluginOptions();
        PluginSettings.Read(context)(options);
        options.Discovery = context.Discovery with { ExplicitPaths = [.. explicitPaths ?? []] };
        options.BuiltIns = context.BuiltIns;
        options.ProductVersion = context.ProductVersion;
        options.HostEnvironment = context.HostEnvironment ?? context.Discovery.Environment;
        options.KillGracePeriod = context.KillGracePeriod;
        options.WatchForChanges = false;
        var catalog = new RunnableCatalog(options, loggers);
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
