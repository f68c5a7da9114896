using System.Collections.Immutable;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Processes;

/// <summary>
/// The environment a plugin executable gets (docs/process-protocol.md): never the host's whole environment, only the
/// allowlist, the variables the manifest declares (<c>api_keys</c>, <c>environment_vars</c>) and the
/// ORCHESTRATOR_* variables describing the call.
/// </summary>
public static class ProcessEnvironment
{
    /// <summary>Host variables every executable receives when the host has them.</summary>
    public static readonly ImmutableArray<string> AllowList = ["PATH", "HOME", "LANG", "TZ", "TMPDIR"];

    /// <summary>Declared <c>api_keys</c> the host environment does not set; a run must not start while any is missing.</summary>
    public static ImmutableArray<string> MissingApiKeys(PluginManifest manifest, IReadOnlyDictionary<string, string> hostEnvironment)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(hostEnvironment);
        return [.. (manifest.ResourceSpec?.ApiKeys ?? []).Where(key => !hostEnvironment.TryGetValue(key, out var value) || value.Length == 0)];
    }

    /// <summary>The environment of one call.</summary>
    public static ImmutableDictionary<string, string> Build(
        PluginManifest manifest, IReadOnlyDictionary<string, string> hostEnvironment, string? runId, string? phase, string? workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(hostEnvironment);
        var environment = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var spec = manifest.ResourceSpec;
        foreach (var name in AllowList.Concat(spec?.ApiKeys ?? []).Concat(spec?.EnvironmentVars ?? []))
        {
            if (hostEnvironment.TryGetValue(name, out var value))
            {
                environment[name] = value;
            }
        }

        environment["ORCHESTRATOR_PLUGIN"] = manifest.Name;
        Set(environment, "ORCHESTRATOR_RUN_ID", runId);
        Set(environment, "ORCHESTRATOR_PHASE", phase);
        Set(environment, "ORCHESTRATOR_WORKDIR", workingDirectory);
        return environment.ToImmutable();
    }

    private static void Set(ImmutableDictionary<string, string>.Builder environment, string name, string? value)
    {
        if (value is not null)
        {
            environment[name] = value;
        }
    }
}
