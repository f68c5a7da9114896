using System.Collections.Immutable;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Processes;
using Orchestrator.Plugins.Registry;
using Semver;

namespace Orchestrator.Plugins.Execution;

/// <summary>How plugins are found, loaded, executed and watched.</summary>
public sealed class PluginOptions
{
    /// <summary>The configuration section bound to these options (<c>Plugins:Sandbox</c>, <c>ORCHESTRATOR_PLUGINS__SANDBOX</c>).</summary>
    public const string SectionName = "Plugins";

    /// <summary>The default cap on what an executable may write to stdout for one call.</summary>
    public const long DefaultStdoutLimit = 16 * 1024 * 1024;

    /// <summary>Where to look for plugins; the running process's environment and directories when null.</summary>
    public DiscoveryOptions? Discovery { get; set; }

    /// <summary>
    /// The compiled-in plugins (manifest <c>type: builtin</c>) by name; none by default. The process that composes the
    /// host registers its own (the <c>orchestrator</c> executable registers fiction, code and docs).
    /// </summary>
    public IReadOnlyDictionary<string, Func<IPhaseProvider>> BuiltIns { get; set; } = ImmutableDictionary<string, Func<IPhaseProvider>>.Empty;

    /// <summary>The Orchestrator version plugins' min_version/max_version are checked against.</summary>
    public SemVersion ProductVersion { get; set; } = OrchestratorVersion.Current;

    /// <summary>
    /// The host environment executables' allowlisted and declared variables are taken from; the process
    /// environment, read at each call, when null.
    /// </summary>
    public IReadOnlyDictionary<string, string>? HostEnvironment { get; set; }

    /// <summary>
    /// How executable plugins are isolated (docs/process-protocol.md#sandbox): <see cref="SandboxMode.On"/> (the
    /// default; needs bubblewrap) or <see cref="SandboxMode.Off"/>, an explicit opt-out that is logged as a warning.
    /// </summary>
    public SandboxMode Sandbox { get; set; } = SandboxMode.On;

    /// <summary>
    /// Null when <paramref name="setting"/>, the text of <c>Plugins:Sandbox</c>, is <c>on</c> or <c>off</c> (any case) or
    /// not set; otherwise what to write instead. Numbers are refused too: <c>1</c> must not quietly mean off.
    /// </summary>
    public static string? SandboxSettingProblem(string? setting) =>
        string.IsNullOrEmpty(setting) || setting.Equals("on", StringComparison.OrdinalIgnoreCase) || setting.Equals("off", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"Plugins:Sandbox (ORCHESTRATOR_PLUGINS__SANDBOX) is '{setting}'; set it to on or off";

    /// <summary>The bubblewrap executable (<c>Plugins:BwrapPath</c>); <c>bwrap</c> on the PATH when null.</summary>
    public string? BwrapPath { get; set; }

    /// <summary>Bytes an executable may write to stdout in one call before the call fails (16 MiB).</summary>
    public long StdoutLimit { get; set; } = DefaultStdoutLimit;

    /// <summary>Time between the graceful signal (SIGTERM) and the kill (SIGKILL) of a timed-out process group.</summary>
    public TimeSpan KillGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Limit for each <c>info</c> and <c>validate</c> call made while loading an executable plugin.</summary>
    public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether the hosted watcher reloads plugins when their search paths change.</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>Quiet time after the last file change before the watcher reloads.</summary>
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Where the snapshots that keep replaced versions runnable live (<c>Plugins:SnapshotDirectory</c>,
    /// docs/writing-plugins.md#runs-in-flight): one directory per plugin name and content hash. Null means
    /// <c>$XDG_CACHE_HOME/orchestrator/plugins</c>, else <c>~/.cache/orchestrator/plugins</c>.
    /// </summary>
    public string? SnapshotDirectory { get; set; }

    /// <summary>
    /// How long a version that is no longer current and that no run pins keeps its snapshot (5 minutes): it covers a
    /// run that is being started on the version the moment a reload replaces it, before the run store lists it, and
    /// keeps what another process's runs pin while that process marks it every collection interval.
    /// </summary>
    public TimeSpan SnapshotGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The snapshot store's directory, or null when none can be named (no home directory).</summary>
    internal string? ResolveSnapshotDirectory()
    {
        if (SnapshotDirectory is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        var discovery = ResolveDiscovery();
        return SearchPaths.XdgHome(discovery, "XDG_CACHE_HOME", ".cache") is { } cache ? Path.Combine(cache, "orchestrator", "plugins") : null;
    }

    /// <summary>The bubblewrap executable to use, or null when there is none.</summary>
    internal string? ResolveBwrap() => BwrapPath ?? ProcessTools.Bwrap;

    internal DiscoveryOptions ResolveDiscovery() => Discovery ?? DiscoveryOptions.FromProcess();

    internal ImmutableDictionary<string, string> ResolveHostEnvironment()
    {
        if (HostEnvironment is { } environment)
        {
            return environment.ToImmutableDictionary(StringComparer.Ordinal);
        }

        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                builder[key] = value;
            }
        }

        return builder.ToImmutable();
    }
}
