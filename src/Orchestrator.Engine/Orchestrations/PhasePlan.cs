using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>One phase as the run executes it, pinned at start so that replays never consult the (reloadable) catalog.</summary>
public sealed record PhasePlan
{
    public required string Name { get; init; }

    public required int Order { get; init; }

    // Left out of the JSON when false, as most phases are: the plan travels in every message of the run's history.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Parallel { get; init; }

    public bool Required { get; init; } = true;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Approval { get; init; }

    /// <summary>The per-attempt limit; null for none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>max_retries + 1 when retryable, else 1.</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>The first retry's delay; each next one doubles, capped at <see cref="RunOrchestrator.MaxRetryDelay"/>.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan? EstimatedTime { get; init; }

    /// <summary>The effective config of this phase (run config with the phase's config_overrides on top).</summary>
    public ImmutableDictionary<string, JsonElement> Config { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>The activity name, so histories read <c>&lt;plugin&gt;.&lt;phase&gt;</c>.</summary>
    public string ActivityName(string plugin) => $"{plugin}.{Name}";
}
