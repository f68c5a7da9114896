using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Output;
using Orchestrator.Plugins.Execution;
using RunnableCatalog = Orchestrator.Plugins.Execution.PluginCatalog;

namespace Orchestrator.Cli.Commands.Plugins;

/// <summary>Creates and loads the runnable plugin catalog for one CLI command.</summary>
internal static class RuntimeCatalog
{
    public static async Task<(RunnableCatalog Catalog, ILoggerFactory Loggers)> LoadAsync(
        CliContext context, string[]? explicitPaths, TextWriter error, CancellationToken cancellationToken)
    {
        var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(new StderrLoggerProvider(error)));
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
