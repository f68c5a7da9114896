using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Plugins.Manifests;

/// <summary>One entry of the manifest's <c>phases</c> (docs/manifest.md#phase-fields).</summary>
public sealed record PhaseManifest
{
    /// <summary>The default first backoff between attempts.</summary>
    public static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromSeconds(1);

    public required string Name { get; init; }
    public string? Description { get; init; }

    /// <summary>Position in the run, ≥ 1; phases sharing an order all have <see cref="Parallel"/> set.</summary>
    public required int Order { get; init; }

    public bool Required { get; init; } = true;
    public bool Parallel { get; init; }
    public TimeSpan? EstimatedTime { get; init; }

    /// <summary>Limit for one attempt.</summary>
    public TimeSpan? Timeout { get; init; }

    public bool Retryable { get; init; }

    /// <summary>Retries after the first attempt; 0 unless <see cref="Retryable"/>.</summary>
    public int MaxRetries { get; init; }

    /// <summary>First backoff; doubles each retry, capped at 5 minutes.</summary>
    public TimeSpan RetryInterval { get; init; } = DefaultRetryInterval;

    public JsonElement? InputSchema { get; init; }
    public JsonElement? OutputSchema { get; init; }
    public ImmutableDictionary<string, JsonElement> ConfigOverrides { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>The run waits for an <c>approve</c> event before this phase starts.</summary>
    public bool Approval { get; init; }
}
