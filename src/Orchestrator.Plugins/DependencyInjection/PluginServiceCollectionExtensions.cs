using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Reload;

namespace Orchestrator.Plugins.DependencyInjection;

/// <summary>Registers plugin discovery, loading, execution and hot reload.</summary>
public static class PluginServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="PluginOptions"/> (the <c>Plugins</c> section of the registered configuration, if any, then
    /// <paramref name="configure"/>), the <see cref="PluginCatalog"/> (also as <see cref="IPluginCatalog"/>), the
    /// <see cref="PhaseExecutor"/> (as <see cref="IPhaseExecutor"/>) and the <see cref="PluginWatcher"/>
    /// hosted service, which loads the plugins at start and reloads them on change.
    /// </summary>
    public static IServiceCollection AddOrchestratorPlugins(this IServiceCollection services, Action<PluginOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Plugins:Sandbox and Plugins:BwrapPath come from configuration (ORCHESTRATOR_PLUGINS__SANDBOX for serve), when
        // the container has any; the composing process sets the rest.
        var options = services.AddOptions<PluginOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            if (sp.GetService<IConfiguration>()?.GetSection(PluginOptions.SectionName) is { } section)
            {
                if (PluginOptions.SandboxSettingProblem(section[nameof(PluginOptions.Sandbox)]) is { } problem)
                {
                    throw new InvalidOperationException(problem);
                }

                section.Bind(o);
            }
        });
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp => new PluginCatalog(sp.GetRequiredService<IOptions<PluginOptions>>(), Loggers(sp)));
        services.TryAddSingleton<IPluginCatalog>(sp => sp.GetRequiredService<PluginCatalog>());
        services.TryAddSingleton(sp => new PhaseExecutor(sp.GetRequiredService<PluginCatalog>(), Loggers(sp)));
        services.TryAddSingleton<IPhaseExecutor>(sp => sp.GetRequiredService<PhaseExecutor>());
        services.AddSingleton<PluginWatcher>(sp => new PluginWatcher(sp.GetRequiredService<PluginCatalog>(), Loggers(sp)));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<PluginWatcher>());
        return services;
    }

    // Logging is optional: without a registered factory nothing is logged.
    private static ILoggerFactory Loggers(IServiceProvider services) =>
        services.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
}
