using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Registry;
using Semver;

namespace Orchestrator.Cli;

/// <summary>What the commands read from their surroundings; tests supply their own instead of the process's.</summary>
/// <param name="Discovery">Environment, home, current and binary directories for plugin discovery (explicit paths come from <c>--plugins</c>).</param>
/// <param name="ProductVersion">The Orchestrator version plugins are checked against.</param>
internal sealed record CliContext(DiscoveryOptions Discovery, SemVersion ProductVersion)
{
    public static CliContext FromProcess() => new(DiscoveryOptions.FromProcess(), OrchestratorVersion.Current);
}
