using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Execution;

/// <summary>
/// Effective config (docs/running-workflows.md#how-a-run-executes): plugin <c>default_config</c> ⊕ workflow config ⊕ request config, checked against
/// <c>config_schema</c> and <c>required_config</c> before anything runs; each phase then merges its
/// <c>config_overrides</c> on top. Layers merge key by key; a later layer wins.
/// </summary>
public static class EffectiveConfig
{
    /// <summary>Merges layers left to right; later values replace earlier ones key by key.</summary>
    public static ImmutableDictionary<string, JsonElement> Merge(params IEnumerable<IReadOnlyDictionary<string, JsonElement>> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var result = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var (key, value) in layer)
            {
                result[key] = value;
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Why <paramref name="config"/> is not acceptable for <paramref name="manifest"/>; empty when it is.</summary>
    public static ImmutableArray<string> Validate(PluginManifest manifest, IReadOnlyDictionary<string, JsonElement> config)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(config);
        var problems = ImmutableArray.CreateBuilder<string>();
        foreach (var key in manifest.RequiredConfig.Where(k => !config.ContainsKey(k)))
        {
            problems.Add($"required_config: '{key}' is missing; set it (for example --config {key}=VALUE)");
        }

        if (manifest.ConfigSchema is { } schema)
        {
            var instance = JsonSerializer.SerializeToElement(config.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
            problems.AddRange(SchemaValidation.Validate(schema, instance).Select(m => $"config_schema: {m}"));
        }

        return problems.ToImmutable();
    }

    /// <summary>The config one phase sees: the run's effective config with the phase's <c>config_overrides</c> on top.</summary>
    public static ImmutableDictionary<string, JsonElement> ForPhase(IReadOnlyDictionary<string, JsonElement> config, PhaseManifest phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        return Merge(config, phase.ConfigOverrides);
    }
}
