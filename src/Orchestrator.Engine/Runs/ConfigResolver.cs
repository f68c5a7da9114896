using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Engine.Runs;

/// <summary>
/// Computes the effective config (plugin default_config ⊕ workflow config ⊕ request config, then each phase's
/// config_overrides) and checks it against config_schema, required_config and the declared api_keys.
/// </summary>
internal static class ConfigResolver
{
    /// <summary>The phases as the run will execute them; <paramref name="problems"/> receives everything wrong.</summary>
    public static (ImmutableDictionary<string, JsonElement> Config, ImmutableArray<PhasePlan> Phases) Resolve(
        LoadedPlugin plugin,
        IReadOnlyDictionary<string, JsonElement> workflowConfig,
        IReadOnlyDictionary<string, JsonElement> requestConfig,
        IReadOnlyDictionary<string, string> environment,
        ICollection<string> problems)
    {
        var manifest = plugin.Manifest;
        var config = manifest.DefaultConfig.WithComparers(StringComparer.Ordinal).SetItems(workflowConfig).SetItems(requestConfig);
        var runProblems = Check(manifest, config, "config", [], problems);
        foreach (var key in manifest.RequiredConfig)
        {
            if (!config.TryGetValue(key, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                problems.Add($"config: '{key}' is required by plugin '{manifest.Name}' (required_config); give it with --config {key}=VALUE");
            }
        }

        foreach (var key in manifest.ResourceSpec?.ApiKeys ?? [])
        {
            if (!environment.TryGetValue(key, out var value) || value.Length == 0)
            {
                problems.Add($"environment: '{key}' is not set; plugin '{manifest.Name}' declares it in resource_spec.api_keys");
            }
        }

        var phases = ImmutableArray.CreateBuilder<PhasePlan>(manifest.Phases.Length);
        foreach (var phase in manifest.Phases)
        {
            var phaseConfig = phase.ConfigOverrides.IsEmpty ? config : config.SetItems(phase.ConfigOverrides);
            if (!phase.ConfigOverrides.IsEmpty)
            {
                // Only what the overrides add: a problem of the run config is reported once, not again per phase.
                Check(manifest, phaseConfig, $"phases.{phase.Name}.config_overrides", runProblems, problems);
            }

            phases.Add(new PhasePlan
            {
                Name = phase.Name,
                Order = phase.Order,
                Parallel = phase.Parallel,
                Required = phase.Required,
                Approval = phase.Approval,
                Timeout = phase.Timeout,
                MaxAttempts = phase.Retryable ? phase.MaxRetries + 1 : 1,
                RetryInterval = phase.RetryInterval,
                EstimatedTime = phase.EstimatedTime,
                Config = phaseConfig,
            });
        }

        return (config, phases.ToImmutable());
    }

    /// <summary>Adds the schema problems of <paramref name="config"/> not in <paramref name="known"/>; returns them all.</summary>
    private static ImmutableArray<string> Check(
        PluginManifest manifest, ImmutableDictionary<string, JsonElement> config, string where, ImmutableArray<string> known, ICollection<string> problems)
    {
        if (manifest.ConfigSchema is not { } schema)
        {
            return [];
        }

        var instance = JsonSerializer.SerializeToElement(config.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value));
        var found = SchemaValidation.Validate(schema, instance);
        foreach (var problem in found.Except(known, StringComparer.Ordinal))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: {problem} (config_schema of plugin '{manifest.Name}')"));
        }

        return found;
    }
}
