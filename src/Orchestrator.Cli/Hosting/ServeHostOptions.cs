using Microsoft.Extensions.Logging;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Server.Hosting;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Hosting;

/// <summary>Everything <see cref="ServeHost"/> needs to compose the API, the worker, the sidecar and the plugins.</summary>
public sealed class ServeHostOptions
{
    /// <summary>The default listening address: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Addresses to listen on (<c>;</c>-separated); port 0 picks a free port.</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>An external sidecar to use; when null a sidecar is started in this process with <see cref="Sidecar"/>.</summary>
    public string? SidecarAddress { get; set; }

    /// <summary>The embedded sidecar's backend settings (memory by default).</summary>
    public SidecarOptions Sidecar { get; } = new();

    /// <summary>Directories searched for plugins first (<c>--plugins</c>).</summary>
    public IList<string> PluginPaths { get; } = [];

    /// <summary>Where plugins are looked for; the process's surroundings plus <see cref="PluginPaths"/> when null.</summary>
    public DiscoveryOptions? Discovery { get; set; }

    /// <summary>The compiled-in plugins by name (the CLI passes fiction, code and docs); none when null.</summary>
    public IReadOnlyDictionary<string, Func<IPhaseProvider>>? BuiltIns { get; set; }

    /// <summary>Whether plugin directories are watched and reloaded on change.</summary>
    public bool WatchPlugins { get; set; } = true;

    /// <summary>Further engine settings (data directory, workflow paths, retention).</summary>
    public Action<EngineOptions>? Engine { get; set; }

    /// <summary>Further API settings, applied after the <c>Server</c> configuration section.</summary>
    public Action<ServerOptions>? Server { get; set; }

    /// <summary>Configuration pairs added last (e.g. <c>Server:ApiKeys:0</c>); environment variables prefixed ORCHESTRATOR_ come before them.</summary>
    public IDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>();

    /// <summary>Where the host logs; stderr as <c>orchestrator serve</c> logs when null.</summary>
    public Action<ILoggingBuilder>? Logging { get; set; }
}
