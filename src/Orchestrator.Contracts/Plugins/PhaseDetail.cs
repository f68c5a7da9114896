using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Contracts.Plugins;

/// <summary>A phase of a plugin, as its manifest declares it. Durations are in seconds.</summary>
public sealed record PhaseDetail
{
    /// <summary>The phase name, unique in the plugin.</summary>
    public required string Name { get; init; }

    /// <summary>What the phase does.</summary>
    public required string? Description { get; init; }

    /// <summary>Its position in a run, from 1; phases sharing an order run in parallel.</summary>
    public required int Order { get; init; }

    /// <summary>False when the run goes on without it if it fails.</summary>
    public required bool Required { get; init; }

    /// <summary>True when it runs alongside the other phases of its order.</summary>
    public required bool Parallel { get; init; }

    /// <summary>The manifest's <c>estimated_time</c>, in seconds.</summary>
    public required double? EstimatedTimeSeconds { get; init; }

    /// <summary>The limit of one attempt (<c>timeout</c>), in seconds; none when null.</summary>
    public required double? TimeoutSeconds { get; init; }

    /// <summary>True when a failed attempt is tried again.</summary>
    public required bool Retryable { get; init; }

    /// <summary>Retries after the first attempt; 0 unless retryable.</summary>
    public required int MaxRetries { get; init; }

    /// <summary>The first wait between attempts (<c>retry_interval</c>), in seconds; it doubles each retry.</summary>
    public required double RetryIntervalSeconds { get; init; }

    /// <summary>The JSON Schema the phase's input must match.</summary>
    public required JsonElement? InputSchema { get; init; }

    /// <summary>The JSON Schema the phase's output must match.</summary>
    public required JsonElement? OutputSchema { get; init; }

    /// <summary>Config values set for this phase over the run's config.</summary>
    public required ImmutableDictionary<string, JsonElement> ConfigOverrides { get; init; }

    /// <summary>True when the run waits for an approval before this phase starts.</summary>
    public required bool Approval { get; init; }

    /// <summary>The phase's prompt file, relative to the plugin directory.</summary>
    public required string? Prompt { get; init; }

    /// <summary>The contract of a manifest's phase.</summary>
    /// <param name="phase">The phase.</param>
    /// <param name="plugin">The manifest it belongs to (for its prompt).</param>
    /// <returns>The contract.</returns>
    public static PhaseDetail From(PhaseManifest phase, PluginManifest plugin)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(plugin);
        return new PhaseDetail
        {
            Name = phase.Name,
            Description = phase.Description,
            Order = phase.Order,
            Required = phase.Required,
            Parallel = phase.Parallel,
            EstimatedTimeSeconds = phase.EstimatedTime?.TotalSeconds,
            TimeoutSeconds = phase.Timeout?.TotalSeconds,
            Retryable = phase.Retryable,
            MaxRetries = phase.MaxRetries,
            RetryIntervalSeconds = phase.RetryInterval.TotalSeconds,
            InputSchema = phase.InputSchema,
            OutputSchema = phase.OutputSchema,
            ConfigOverrides = phase.ConfigOverrides,
            Approval = phase.Approval,
            Prompt = plugin.Prompts.GetValueOrDefault(phase.Name),
        };
    }
}
