using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orchestrator.Plugins.DependencyInjection;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Processes;
using Orchestrator.Plugins.Reload;

namespace Orchestrator.Plugins.Tests.Execution;

/// <summary><c>AddOrchestratorPlugins</c> in a real host: the watcher loads the plugins before the host has started.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServiceRegistrationTests : IDisposable
{
    private readonly PluginSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task AddOrchestratorPlugins_HostStarts_PluginsLoadedAndExecutable()
    {
        _sandbox.WriteBash("hosted", "cat > /dev/null; echo '{\"output\":\"from the host\"}'");
        var sandboxOptions = _sandbox.Options();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOrchestratorPlugins(o =>
        {
            o.Discovery = sandboxOptions.Discovery;
            o.HostEnvironment = sandboxOptions.HostEnvironment;
            o.ReloadDebounce = sandboxOptions.ReloadDebounce;
        });
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var catalog = host.Services.GetRequiredService<IPluginCatalog>();
            var plugin = catalog.Get("hosted");
            var result = await host.Services.GetRequiredService<IPhaseExecutor>()
                .ExecuteAsync(plugin.Identity, _sandbox.Request(plugin, "go"), TestContext.Current.CancellationToken);

            result.Output.GetString().ShouldBe("from the host");
            host.Services.GetServices<IHostedService>().OfType<PluginWatcher>().ShouldHaveSingleItem();
            catalog.ShouldBeSameAs(host.Services.GetRequiredService<PluginCatalog>());
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task AddOrchestratorPlugins_SandboxOffInConfiguration_ExecutablesLoadWithoutBwrap()
    {
        _sandbox.WriteBash("unboxed", "cat > /dev/null; echo '{\"output\":\"plain\"}'");
        var sandboxOptions = _sandbox.Options();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([
            KeyValuePair.Create<string, string?>("Plugins:Sandbox", "off"),
            KeyValuePair.Create<string, string?>("Plugins:BwrapPath", Path.Combine(_sandbox.Root, "nowhere", "bwrap")),
        ]);
        builder.Services.AddOrchestratorPlugins(o =>
        {
            o.Discovery = sandboxOptions.Discovery;
            o.HostEnvironment = sandboxOptions.HostEnvironment;
        });
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            host.Services.GetRequiredService<IOptions<PluginOptions>>().Value.Sandbox.ShouldBe(SandboxMode.Off);
            host.Services.GetRequiredService<PluginCatalog>().Problems.ShouldBeEmpty();
            host.Services.GetRequiredService<IPluginCatalog>().TryGet("unboxed", out _).ShouldBeTrue();
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void AddOrchestratorPlugins_NoConfigurationRegistered_SandboxOnByDefault()
    {
        var services = new ServiceCollection().AddOrchestratorPlugins();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<PluginOptions>>().Value.Sandbox.ShouldBe(SandboxMode.On);
    }
}
