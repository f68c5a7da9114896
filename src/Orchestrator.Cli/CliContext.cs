using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Registry;
using Semver;

namespace Orchestrator.Cli;

/// <summary>What the commands read from their surroundings; tests supply their own instead of the process's.</summary>
/// <param name="Discovery">Environment, home, current and binary directories for plugin discovery (explicit paths come from <c>--plugins</c>).</param>
/// <param name="ProductVersion">The Orchestrator version plugins are checked against.</param>
internal sealed record CliContext(DiscoveryOptions Discovery, SemVersion ProductVersion)
{
    /// <summary>The compiled-in plugins every command registers with the plugin host (<see cref="BuiltInPlugins.All"/>).</summary>
    public IReadOnlyDictionary<string, Func<IPhaseProvider>> BuiltIns { get; init; } = BuiltInPlugins.All;

    /// <summary>What <c>--input -</c> reads.</summary>
    public TextReader? StandardInput { get; init; }

    /// <summary>Where plugin executables' variables come from; <see cref="DiscoveryOptions.Environment"/> when null.</summary>
    public IReadOnlyDictionary<string, string>? HostEnvironment { get; init; }

    /// <summary>Time between SIGTERM and SIGKILL when a plugin executable is stopped.</summary>
    public TimeSpan KillGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    public static CliContext FromProcess() => new(DiscoveryOptions.FromProcess(), OrchestratorVersion.Current);
}
